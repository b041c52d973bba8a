import { type Database, openDatabase } from '../../src/db/client.ts';

let shared: Promise<Database> | undefined;

/**
 * One database per test worker: the embedded database in memory, or PostgreSQL when DATABASE_URL is
 * set (migrated once by test/global-setup.ts). Tests stay apart by each making their own company.
 */
export function testDatabase(): Promise<Database> {
  shared ??= (async () => {
    const url = process.env.DATABASE_URL || undefined;
    const db = await openDatabase({ databaseUrl: url, poolSize: 4 });
    if (!url) await db.migrate();
    return db;
  })();
  return shared;
}

export const dbKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
