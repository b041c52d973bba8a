import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from './app.ts';
import { type Background, startBackgroundWork } from './background.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { filesConfig } from './modules/files/storage.ts';
import { RequestGauge } from './modules/jobs/quiet.ts';
import { ensureFirstAdmin } from './modules/users/bootstrap.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'db'),
  });
  await database.migrate();
  const files = filesConfig(config);
  const app = await buildApp({
    database,
    trustProxy: config.trustProxy,
    files,
    logger: {
      level: config.logLevel,
      // ?api_token= is a credential: keep it out of the logs.
      serializers: {
        req: (req) => ({
          method: req.method,
          url: String(req.url).replace(/([?&]api_token=)[^&]*/g, '$1[redacted]'),
        }),
      },
    },
  });
  const admin = await ensureFirstAdmin(database.db, config.admin);
  if (admin === 'created')
    app.log.info({ email: config.admin?.email }, 'created the first company and its admin');
  const url = `http://${config.host}:${config.port}`;
  if (admin === 'missing') {
    // Plain text, not a log line: this is what a new user reads first.
    console.log(
      `\nPipewright has no users yet. Open ${url} to create your company and its admin,\n` +
        'or run: npm run create-admin -- --email you@example.com --password "a long password"\n' +
        '(or start with ADMIN_EMAIL and ADMIN_PASSWORD set).\n',
    );
  }
  // On the embedded database, jobs wait between their chunks for a moment without requests.
  const requests = new RequestGauge();
  const serving = new WeakSet<object>();
  app.addHook('onRequest', async (req) => {
    serving.add(req);
    requests.enter();
  });
  const done = async (req: object) => {
    if (serving.delete(req)) requests.leave();
  };
  app.addHook('onResponse', done);
  app.addHook('onRequestAbort', done);
  let background: Background | undefined;
  const close = async () => {
    await background?.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  // Jobs, periodic purges and the database's upkeep, once this process holds its port: jobs that a
  // previous process of this node (same host name and port) left running are resumed at once.
  const { port } = app.server.address() as AddressInfo;
  background = await startBackgroundWork(database, {
    node: `${os.hostname()}:${port}`,
    requests,
    log: app.log,
    files: files.storage,
  });
  console.log(
    `Pipewright is serving on ${url} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
