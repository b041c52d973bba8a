/**
 * The app for the web benchmark (bench/web.ts), in a child process: the real app, web/dist included,
 * on 127.0.0.1, its port in the ready message. On the embedded database it migrates and seeds first
 * (PGlite lives in this process); on PostgreSQL the parent has seeded.
 */
import { buildApp } from '../../src/app.ts';
import { serveChild } from '../lib/child.ts';
import type { Location } from '../lib/database.ts';
import { prepareInbox, type WebSeed, type WebTenant } from '../lib/seed/inbox.ts';

export interface WebServerConfig {
  location: Location;
  /** seed here (embedded run) with this admin and this many leads … */
  seed?: { login: { email: string; password: string }; leads: number };
  /** … or serve the company the parent seeded (PostgreSQL run) */
  tenant?: WebTenant;
}

export interface WebServerReady {
  port: number;
  tenant: WebTenant;
  seed?: WebSeed;
}

serveChild<WebServerConfig, WebServerReady>('bench web server', async (config, scope) => {
  const database = await scope.open(config.location, { migrate: config.seed !== undefined });
  const prepared = config.seed
    ? await prepareInbox(database.db, config.seed.login, config.seed.leads)
    : undefined;
  const tenant = prepared?.tenant ?? config.tenant;
  if (!tenant) throw new Error('no tenant and nothing to seed');
  const port = await scope.listen(await buildApp({ database }));
  return { port, tenant, ...(prepared ? { seed: prepared.seed } : {}) };
});
