/**
 * The app process of the conversion benchmark (bench/conversion.ts starts it with
 * `node --import tsx bench/conversion/server.ts` and an IPC channel; config in CONV_BENCH_CONFIG).
 * It serves the real app (buildApp, with the job worker running as in src/main.ts) on 127.0.0.1:0 and
 * reports the port with a `ready` message. On the embedded database it seeds its company itself first:
 * PGlite lives in this process.
 */
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.ts';
import { registerJobHandlers } from '../../src/background.ts';
import { openDatabase } from '../../src/db/client.ts';
import { jobConcurrency, startJobWorker } from '../../src/modules/jobs/runner.ts';
import { POOL_SIZE } from '../api/prepare.ts';
import { analyze, type ConvTenant, seedConversionCompany } from '../lib/seed/conversion.ts';

export interface ConvServerConfig {
  /** PostgreSQL; without it the embedded database in dataDir */
  databaseUrl?: string;
  dataDir?: string;
  /** seed a company with this many leads here (embedded) … */
  seedLeads?: number;
  /** … or serve the one the parent seeded (PostgreSQL) */
  tenant?: ConvTenant;
}

export interface ConvReady {
  type: 'ready';
  port: number;
  tenant: ConvTenant;
  seedMs?: number;
}

async function main() {
  const config = JSON.parse(process.env.CONV_BENCH_CONFIG ?? '{}') as ConvServerConfig;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: POOL_SIZE,
  });
  await database.migrate();
  let tenant = config.tenant;
  let seedMs: number | undefined;
  if (config.seedLeads) {
    const t0 = performance.now();
    tenant = await seedConversionCompany(database.db, 'Conversion API Co', config.seedLeads);
    await analyze(database.db);
    seedMs = performance.now() - t0;
  }
  if (!tenant) throw new Error('conversion bench server: no tenant and nothing to seed');

  const app = await buildApp({ database });
  registerJobHandlers();
  const worker = startJobWorker(database.db, { concurrency: jobConcurrency(database.kind) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker.stop().catch(() => {});
    await app.close().catch(() => {});
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  const ready: ConvReady = { type: 'ready', port, tenant, ...(seedMs !== undefined ? { seedMs } : {}) };
  process.send?.(ready);
}

main().catch((err) => {
  console.error('conversion bench server failed:', err);
  process.exit(1);
});
