import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { type Database, type Db, openDatabase } from '../../src/db/client.ts';
import * as schema from '../../src/db/schema.ts';
import { tenantGuard } from './tenant-guard.ts';

let shared: Promise<Database> | undefined;

/**
 * One database per test worker: the embedded database in memory, or PostgreSQL when DATABASE_URL is
 * set (migrated once by test/global-setup.ts). Tests stay apart by each making their own company.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL || undefined;
    let guarded = false;
    const db = await openDatabase({
      databaseUrl: url,
      poolSize: 4,
      onStatement: (text) => guarded && tenantGuard(text),
    });
    if (!url) await db.migrate();
    // from here on, every statement on tenant data must name its company
    guarded = true;
    return db;
  })();
  return shared;
}

export const dbKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

let fixtures: Promise<Db> | undefined;

/**
 * The worker's database for tests' own set-up and checks (ageing rows, reading audit events across
 * companies): the same pool without the tenant guard, which holds the server's code to its rule.
 */
export function fixtureDb(): Promise<Db> {
  fixtures ??= (async () => {
    const { db } = await testDatabase();
    return drizzle({ client: (db as unknown as { $client: pg.Pool }).$client, schema }) as unknown as Db;
  })();
  return fixtures;
}
