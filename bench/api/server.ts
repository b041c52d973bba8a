/**
 * A server process of the API benchmark (bench/api.ts): the real app and/or the ceilings (ceiling.ts,
 * bare.ts) on 127.0.0.1, a port each, reported in its ready message. On the embedded database it also
 * migrates, creates the company and seeds it first: PGlite lives in this process, so the seed, the app
 * and the ceiling share one instance.
 */
import { buildApp } from '../../src/app.ts';
import { serveChild } from '../lib/child.ts';
import type { Location } from '../lib/database.ts';
import type { BenchCompany } from '../lib/seed/company.ts';
import { prepareCrmCompany, type SeedCounts, type SeedResult } from '../lib/seed/crm.ts';
import { buildBare } from './bare.ts';
import { buildCeiling, poolOf } from './ceiling.ts';

export interface ServerConfig {
  location: Location;
  /** what this process serves; none: seed and report ready, nothing else */
  serve: ('app' | 'ceiling' | 'bare')[];
  /** create a company and seed it here (embedded run) … */
  seed?: SeedCounts;
  /** … or use the one the parent seeded (PostgreSQL run) */
  tenant?: BenchCompany;
}

export interface ReadyMessage {
  ports: { app?: number; ceiling?: number; bare?: number };
  tenant: BenchCompany;
  seed?: SeedResult;
}

serveChild<ServerConfig, ReadyMessage>('bench API server', async (config, scope) => {
  const first = await scope.open(config.location, { migrate: config.seed !== undefined });
  const prepared = config.seed ? await prepareCrmCompany(first.db, config.seed) : undefined;
  const tenant = prepared?.tenant ?? config.tenant;
  if (!tenant) throw new Error('no tenant and nothing to seed');
  const ports: ReadyMessage['ports'] = {};
  for (const [i, role] of config.serve.entries()) {
    // PGlite is one in-process instance: both servers share it. PostgreSQL: each server its own pool.
    const database = i === 0 || !config.location.databaseUrl ? first : await scope.open(config.location);
    ports[role] =
      role === 'bare'
        ? await scope.listenHttp(buildBare(poolOf(database.db), tenant))
        : await scope.listen(
            role === 'app' ? await buildApp({ database }) : await buildCeiling(database.db, tenant),
          );
  }
  return { ports, tenant, ...(prepared ? { seed: prepared.seed } : {}) };
});
