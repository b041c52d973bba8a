/**
 * The app process of the conversion benchmark (bench/conversion.ts): the real app (buildApp, with the
 * job worker running as in src/main.ts) on 127.0.0.1, its port in the ready message. On the embedded
 * database it seeds its company itself first: PGlite lives in this process.
 */
import { buildApp } from '../../src/app.ts';
import { registerJobHandlers } from '../../src/background.ts';
import { jobConcurrency, startJobWorker } from '../../src/modules/jobs/runner.ts';
import { serveChild } from '../lib/child.ts';
import type { Location } from '../lib/database.ts';
import { analyze, type ConvTenant, seedConversionCompany } from '../lib/seed/conversion.ts';

export interface ConvServerConfig {
  location: Location;
  /** seed a company with this many leads here (embedded) … */
  seedLeads?: number;
  /** … or serve the one the parent seeded (PostgreSQL) */
  tenant?: ConvTenant;
}

export interface ConvReady {
  port: number;
  tenant: ConvTenant;
  seedMs?: number;
}

serveChild<ConvServerConfig, ConvReady>('conversion bench server', async (config, scope) => {
  const database = await scope.open(config.location, { migrate: true });
  let tenant = config.tenant;
  let seedMs: number | undefined;
  if (config.seedLeads) {
    const t0 = performance.now();
    tenant = await seedConversionCompany(database.db, 'Conversion API Co', config.seedLeads);
    await analyze(database.db);
    seedMs = performance.now() - t0;
  }
  if (!tenant) throw new Error('no tenant and nothing to seed');
  const app = await buildApp({ database });
  registerJobHandlers();
  const worker = startJobWorker(database.db, { concurrency: jobConcurrency(database.kind) });
  const port = await scope.listen(app);
  scope.onStop(() => worker.stop());
  return { port, tenant, ...(seedMs !== undefined ? { seedMs } : {}) };
});
