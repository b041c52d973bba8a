import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { v1, v2 } from 'pipedrive';
import { buildApp } from '../../src/app.ts';
import { startJobWorker } from '../../src/modules/jobs/runner.ts';
import { newTenant } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';

/** Companies whose jobs the test server's worker runs. */
const served = new Set<number>();

export function serveJobsFor(companyId: number): void {
  served.add(companyId);
}

let server: Promise<{ app: FastifyInstance; base: string }> | undefined;

/** The real HTTP server of this worker, listening on a free loopback port, with its job worker. */
export function realServer() {
  server ??= (async () => {
    const database = await testDatabase();
    const app = await buildApp({ database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    // As src/main.ts does: background jobs (bulk conversions) run beside the server, but only for
    // the companies made for this server, so that other test files' jobs stay as their tests left them.
    startJobWorker(database.db, { pollMs: 200, companies: () => [...served] });
    const { port } = app.server.address() as AddressInfo;
    return { app, base: `http://127.0.0.1:${port}` };
  })();
  return server;
}

/**
 * A fresh company, and the official `pipedrive` client (33.7.0) configured for it exactly as the README
 * tells users: only basePath and apiKey change.
 */
export async function officialClient() {
  const { base } = await realServer();
  const tenant = await newTenant();
  serveJobsFor(tenant.companyId);
  const cfg1 = new v1.Configuration({ apiKey: tenant.token, basePath: `${base}/api/v1` });
  const cfg2 = new v2.Configuration({ apiKey: tenant.token, basePath: `${base}/api/v2` });
  return { base, tenant, cfg1, cfg2, v1, v2 };
}
