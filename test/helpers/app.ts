import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import type { Db } from '../../src/db/client.ts';
import type { Ctx } from '../../src/modules/context.ts';
import { createCompanyWithAdmin } from '../../src/modules/users/company.ts';
import { addUser, issueApiToken } from '../../src/modules/users/service.ts';
import { fixtureDb, testDatabase } from './db.ts';

let shared: Promise<FastifyInstance> | undefined;

/** The app of this test worker, on the worker's database. */
export function testApp(): Promise<FastifyInstance> {
  shared ??= (async () => buildApp({ database: await testDatabase() }))();
  return shared;
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export interface Tenant {
  app: FastifyInstance;
  /** the database for a test's own set-up and checks (not held to the tenant guard; ctx.db is) */
  db: Db;
  companyId: number;
  userId: number;
  token: string;
  /** the admin's log-in */
  email: string;
  password: string;
  /** a domain context acting as the tenant's admin */
  ctx: Ctx;
  get<T = any>(path: string, query?: Record<string, string | number | boolean | undefined>): Promise<Res<T>>;
  post<T = any>(path: string, body?: unknown): Promise<Res<T>>;
  patch<T = any>(path: string, body?: unknown): Promise<Res<T>>;
  put<T = any>(path: string, body?: unknown): Promise<Res<T>>;
  /** with a body: DELETE …/options sends its ids as JSON */
  del<T = any>(path: string, body?: unknown): Promise<Res<T>>;
  /** a second, non-admin user of the same company with its own token */
  addUser(opts?: { isAdmin?: boolean; name?: string }): Promise<{ id: number; token: string; as: Tenant }>;
}

function client(app: FastifyInstance, token: string) {
  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    query?: Record<string, string | number | boolean | undefined>,
  ) => {
    const res = await app.inject({
      method,
      url: path,
      headers: { 'x-api-token': token },
      ...(query
        ? {
            query: Object.fromEntries(
              Object.entries(query)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, String(v)]),
            ),
          }
        : {}),
      ...(body !== undefined ? { payload: body as object } : {}),
    });
    let parsed: unknown;
    try {
      parsed = res.json();
    } catch {
      parsed = res.body;
    }
    return { status: res.statusCode, body: parsed as any, headers: res.headers as Record<string, unknown> };
  };
  return {
    get: (p: string, q?: Record<string, string | number | boolean | undefined>) =>
      call('GET', p, undefined, q),
    post: (p: string, b?: unknown) => call('POST', p, b ?? {}),
    patch: (p: string, b?: unknown) => call('PATCH', p, b ?? {}),
    put: (p: string, b?: unknown) => call('PUT', p, b ?? {}),
    del: (p: string, b?: unknown) => call('DELETE', p, b),
  };
}

/** A fresh company with its admin and API token: each test works in its own tenant. */
export async function newTenant(
  opts: { plan?: 'lite' | 'growth' | 'premium' | 'ultimate' } = {},
): Promise<Tenant> {
  const app = await testApp();
  const { db } = await testDatabase();
  const fixtures = await fixtureDb();
  const suffix = randomUUID().slice(0, 8);
  const email = `admin-${suffix}@example.test`;
  const created = await createCompanyWithAdmin(db, {
    companyName: `Test Co ${suffix}`,
    adminName: `Admin ${suffix}`,
    email,
    password: TEST_PASSWORD,
    plan: opts.plan ?? 'growth',
  });
  return tenantFor(app, { db, fixtures }, created.company.id, created.user.id, true, created.apiToken, email);
}

export const TEST_PASSWORD = 'correct horse battery staple';

function tenantFor(
  app: FastifyInstance,
  dbs: { db: Db; fixtures: Db },
  companyId: number,
  userId: number,
  isAdmin: boolean,
  token: string,
  email: string,
): Tenant {
  const ctx: Ctx = {
    db: dbs.db,
    companyId,
    user: { id: userId, isAdmin },
    actor: { type: 'user', userId, source: 'app' },
  };
  const t: Tenant = {
    app,
    db: dbs.fixtures,
    companyId,
    userId,
    token,
    email,
    password: TEST_PASSWORD,
    ctx,
    ...client(app, token),
    addUser: async (o = {}) => {
      const suffix = randomUUID().slice(0, 8);
      // No password (hashing is slow on purpose): these users work through their API token.
      const userEmail = `user-${suffix}@example.test`;
      const user = await addUser(ctx, {
        name: o.name ?? `User ${suffix}`,
        email: userEmail,
        isAdmin: o.isAdmin ?? false,
      });
      const userToken = await issueApiToken(ctx, user.id);
      return {
        id: user.id,
        token: userToken,
        as: tenantFor(app, dbs, companyId, user.id, o.isAdmin ?? false, userToken, userEmail),
      };
    },
  };
  return t;
}
