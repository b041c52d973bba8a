import path from 'node:path';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { jobConcurrency, startJobWorker } from './modules/jobs/runner.ts';
import { ensureFirstAdmin } from './modules/users/bootstrap.ts';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'db'),
  });
  await database.migrate();
  const app = await buildApp({
    database,
    trustProxy: config.trustProxy,
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
  const worker = startJobWorker(database.db, {
    concurrency: jobConcurrency(database.kind),
    onError: (err) => app.log.error({ err }, 'job failed'),
  });
  const close = async () => {
    await worker.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `Pipewright is serving on ${url} (${database.kind === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
