/**
 * The app for the web benchmark, in a child process (bench/web.ts starts it with
 * `node --import tsx bench/web/server.ts` and an IPC channel; configuration in BENCH_WEB_CONFIG).
 * On the embedded database it migrates and seeds first (PGlite lives in this process); on PostgreSQL
 * the parent has seeded. It serves the real app, web/dist included, on 127.0.0.1 and reports the port.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.ts';
import { openDatabase } from '../../src/db/client.ts';
import { prepareWebCompany, type WebSeed, type WebTenant } from '../lib/seed/inbox.ts';

export interface WebServerConfig {
  databaseUrl?: string;
  dataDir?: string;
  /** seed here (embedded run) with this admin … */
  seedLogin?: { email: string; password: string };
  leads?: number;
  /** … or serve the company the parent seeded (PostgreSQL run) */
  tenant?: WebTenant;
}

export interface WebServerReady {
  type: 'ready';
  port: number;
  tenant: WebTenant;
  seed?: WebSeed;
}

async function main() {
  const config = JSON.parse(process.env.BENCH_WEB_CONFIG ?? '{}') as WebServerConfig;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let tenant = config.tenant;
  let seeded: WebSeed | undefined;
  if (config.seedLogin) {
    const prepared = await prepareWebCompany(database, config.seedLogin, config.leads);
    tenant = prepared.tenant;
    seeded = prepared.seed;
  }
  if (!tenant) throw new Error('bench web server: no tenant and nothing to seed');
  const app = await buildApp({ database });
  await app.listen({ host: '127.0.0.1', port: 0 });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  const ready: WebServerReady = {
    type: 'ready',
    port: (app.server.address() as AddressInfo).port,
    tenant,
    ...(seeded ? { seed: seeded } : {}),
  };
  process.send?.(ready);
}

main().catch((err) => {
  console.error('bench web server failed:', err);
  process.exit(1);
});
