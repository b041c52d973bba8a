import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { pglitePool } from './pglite-connection.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** A database handle or an open transaction: every domain function takes one of these. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations (idempotent). */
  migrate(): Promise<void>;
  /** Answers when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** Migrations live in src/db/migrations; compiled code runs from dist/src/db. */
export const migrationsFolder = [
  path.join(here, 'migrations'),
  path.resolve(here, '../../../src/db/migrations'),
].find((p) => fs.existsSync(path.join(p, 'meta', '_journal.json'))) as string;

export interface OpenOptions {
  /** postgres://… for PostgreSQL; otherwise the embedded database is used. */
  databaseUrl?: string | undefined;
  /** Folder of the embedded database; undefined keeps it in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
  /**
   * Sees every statement Drizzle sends, before it is sent, with its parameters (tests check tenant
   * scope; benchmarks EXPLAIN the app's own statements).
   */
  onStatement?: (text: string, params: readonly unknown[]) => void;
}

// int8 (bigint: ids, count(*)) arrives as a string from node-postgres; ids stay below 2^53, so it is
// parsed to a number. numeric (money) stays a string until presented.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Both databases run through node-postgres and Drizzle's node-postgres session: PostgreSQL over a pool
 * of sockets, the embedded database over one in-process connection (src/db/pglite-connection.ts). One
 * driver means one behaviour for values and errors, and named statements that stay prepared.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    return overPool(pool, 'postgres', () => pool.end(), opts.onStatement);
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const pglite = await PGlite.create(opts.dataDir ?? 'memory://', {
    extensions: { pg_trgm, unaccent, citext, pgcrypto },
  });
  const pool = pglitePool(pglite);
  return overPool(
    pool,
    'pglite',
    async () => {
      await pool.end();
      await pglite.close();
    },
    opts.onStatement,
  );
}

function overPool(
  pool: pg.Pool,
  kind: Database['kind'],
  close: () => Promise<void>,
  onStatement?: OpenOptions['onStatement'],
): Database {
  const logger = onStatement && { logQuery: (text: string, params: unknown[]) => onStatement(text, params) };
  const db = drizzlePg({ client: pool, schema, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind,
    migrate: () => migratePg(db as never, { migrationsFolder }),
    ping: async () => {
      await pool.query('select 1');
    },
    close,
  };
}
