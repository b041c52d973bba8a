/**
 * A benchmark server process, started by bench/api.ts with `node --import tsx bench/api/server.ts` and an IPC
 * channel. Its configuration arrives in BENCH_CONFIG (JSON, see ServerConfig). It serves the real app
 * and/or the ceilings (bench/api/ceiling.ts, bench/api/bare.ts) on 127.0.0.1, port 0 each, and reports the ports with a
 * `ready` message. On the embedded database it also migrates, creates the company and seeds it first:
 * PGlite lives in this process, so the seed, the app and the ceiling share one instance.
 */
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import type { SeedCounts, SeedResult } from '../lib/seed/crm.ts';
import { buildBare } from './bare.ts';
import { buildCeiling, poolOf } from './ceiling.ts';
import { POOL_SIZE, prepareCompany, type Tenant } from './prepare.ts';

export interface ServerConfig {
  /** PostgreSQL; without it the embedded database in dataDir */
  databaseUrl?: string;
  dataDir?: string;
  /** what this process serves; none: seed (or migrate) and report ready, nothing else */
  serve: ('app' | 'ceiling' | 'bare')[];
  /** create a company and seed it here (embedded run) … */
  seed?: SeedCounts;
  /** … or use the one the parent seeded (PostgreSQL run) */
  tenant?: Tenant;
}

export interface ReadyMessage {
  type: 'ready';
  ports: { app?: number; ceiling?: number; bare?: number };
  tenant: Tenant;
  seed?: SeedResult;
}

async function listen(app: FastifyInstance): Promise<number> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return (app.server.address() as AddressInfo).port;
}

async function listenBare(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function main() {
  const config = JSON.parse(process.env.BENCH_CONFIG ?? '{}') as ServerConfig;
  const databases: Database[] = [];
  const open = async () => {
    const d = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: POOL_SIZE,
    });
    databases.push(d);
    return d;
  };
  const first = await open();
  let tenant = config.tenant;
  let seeded: SeedResult | undefined;
  if (config.seed) {
    const prepared = await prepareCompany(first, config.seed);
    tenant = prepared.tenant;
    seeded = prepared.seed;
  }
  if (!tenant) throw new Error('bench server: no tenant and nothing to seed');

  const servers: { close(): Promise<unknown> }[] = [];
  const ports: ReadyMessage['ports'] = {};
  for (const [i, role] of config.serve.entries()) {
    // PGlite is one in-process instance: both servers share it. PostgreSQL: each server its own pool.
    const database = i === 0 || !config.databaseUrl ? first : await open();
    if (role === 'bare') {
      const server = buildBare(poolOf(database.db), tenant);
      servers.push({
        close: () => new Promise((resolve) => server.close(resolve).closeAllConnections()),
      });
      ports[role] = await listenBare(server);
      continue;
    }
    const server = role === 'app' ? await buildApp({ database }) : await buildCeiling(database.db, tenant);
    servers.push(server);
    ports[role] = await listen(server);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const s of servers) await s.close().catch(() => {});
    for (const d of databases) await d.close().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop);
  const ready: ReadyMessage = { type: 'ready', ports, tenant, ...(seeded ? { seed: seeded } : {}) };
  process.send?.(ready);
}

main().catch((err) => {
  console.error('bench server failed:', err);
  process.exit(1);
});
