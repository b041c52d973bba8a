/**
 * The benchmark's own database on each side: a new embedded database in a temporary folder, or a new
 * database on the PostgreSQL server of DATABASE_URL (postgres://postgres@127.0.0.1:5432 without it),
 * named after the database that URL names (`<name>_<benchmark>_<pid>`; `pipewright_bench_…` when it
 * names none or `postgres`). Dropped, and its folder removed, when the benchmark is done — on Ctrl-C too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { withCleanup } from './cleanup.ts';

export type DatabaseKind = 'embedded' | 'postgres';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['embedded', 'postgres'];
export const LABELS: Record<DatabaseKind, string> = {
  embedded: 'embedded (PGlite)',
  postgres: 'PostgreSQL',
};

/** Where a process finds the database (JSON: it is handed to server processes). */
export interface Location {
  /** PostgreSQL */
  databaseUrl?: string;
  /** the embedded database's folder (none: in memory) */
  dataDir?: string;
}

/** Pool size of every server on PostgreSQL (the app and the ceilings alike). */
export const POOL_SIZE = 10;

export function openLocation(location: Location, poolSize = POOL_SIZE): Promise<Database> {
  return openDatabase({
    databaseUrl: location.databaseUrl,
    dataDir: location.dataDir,
    poolSize,
  });
}

export interface BenchDatabase {
  kind: DatabaseKind;
  /** 'embedded (PGlite)' or 'PostgreSQL', as the reports name it */
  label: string;
  location: Location;
  /** a temporary folder of this run: the embedded database's, or for files beside PostgreSQL */
  dir: string;
  /** the URL without its password, for the log */
  shown: string;
  /** opens the database, migrated; closed at the end if still open */
  open(poolSize?: number): Promise<Database>;
  /** the embedded database: a copy of its folder, for a process of its own (removed at the end) */
  copy(): Location;
  /** PostgreSQL: the pids of the backends connected to the database (embedded: none) */
  backends(): Promise<number[]>;
  /** PostgreSQL: a server setting (SHOW) */
  setting(name: string): Promise<string | undefined>;
}

export interface DatabaseOptions {
  /** the benchmark's name, in the database's and the folder's names */
  bench: string;
  /** the embedded database in memory instead of a folder */
  inMemory?: boolean;
  /** PostgreSQL: one name for every run (no pid), reused when it is there */
  fixedName?: boolean;
  /** PostgreSQL: leave the database for the next run */
  keep?: boolean;
}

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

/**
 * Runs body on a new database of `kind`, then drops it. Answers a note instead when PostgreSQL does
 * not answer (that side is skipped).
 */
export async function withBenchDatabase(
  kind: DatabaseKind,
  opts: DatabaseOptions,
  body: (database: BenchDatabase) => Promise<void>,
): Promise<string | undefined> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pipewright-bench-${opts.bench}-`));
  const opened = new Set<Database>();
  const copies: string[] = [];
  const open = async (location: Location, poolSize?: number) => {
    const database = await openLocation(location, poolSize);
    const close = database.close;
    database.close = async () => {
      opened.delete(database);
      await close();
    };
    opened.add(database);
    await database.migrate();
    return database;
  };
  const closeAll = async () => {
    for (const database of opened) await database.close().catch(() => {});
  };
  const removeFolders = () => {
    for (const d of [dir, ...copies]) fs.rmSync(d, { recursive: true, force: true });
  };

  if (kind === 'embedded') {
    const location = opts.inMemory ? {} : { dataDir: dir };
    const database: BenchDatabase = {
      kind,
      label: LABELS[kind],
      location,
      dir,
      shown: opts.inMemory ? 'in memory' : `in ${dir}`,
      open: (poolSize) => open(location, poolSize),
      copy() {
        const copy = `${dir}-copy${copies.length + 1}`;
        copies.push(copy);
        fs.cpSync(dir, copy, { recursive: true });
        return { dataDir: copy };
      },
      backends: async () => [],
      setting: async () => undefined,
    };
    await withCleanup(
      async () => {
        await closeAll();
        removeFolders();
      },
      () => body(database),
    );
    return undefined;
  }

  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  try {
    await admin.connect();
  } catch (err) {
    removeFolders();
    return `PostgreSQL not reachable at ${redact(serverUrl)} (${(err as Error).message}): skipped`;
  }
  const url = new URL(serverUrl);
  const base = url.pathname.slice(1);
  const name = `${base && base !== 'postgres' ? base : 'pipewright_bench'}_${opts.bench}${opts.fixedName ? '' : `_${process.pid}`}`;
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  let created = false;
  const drop = async () => {
    await closeAll();
    if (created && !opts.keep) {
      created = false;
      // A closed pool's connections end asynchronously: let them go before FORCE would kill one (its
      // FATAL would surface as an unhandled 'error' of that pool).
      for (let i = 0; i < 50; i++) {
        const left = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [
          name,
        ]);
        if (left.rows[0]?.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err) => {
        console.log(`could not drop ${name}: ${(err as Error).message}`);
      });
    }
    await admin.end().catch(() => {});
    removeFolders();
  };
  const database: BenchDatabase = {
    kind,
    label: LABELS[kind],
    location: { databaseUrl },
    dir,
    shown: redact(databaseUrl),
    open: (poolSize) => open({ databaseUrl }, poolSize),
    copy: () => ({ databaseUrl }),
    async backends() {
      const r = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [
        name,
      ]);
      return r.rows.map((row) => Number(row.pid));
    },
    async setting(setting) {
      const r = await admin.query(`SHOW ${setting}`);
      return r.rows[0]?.[setting] as string | undefined;
    },
  };
  await withCleanup(drop, async () => {
    const exists = opts.fixedName
      ? Boolean((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount)
      : false;
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
    created = true;
    await body(database);
  });
  return undefined;
}

/**
 * Runs body on each kind of database asked for (`only`: one of them), one after the other; answers
 * the notes of the sides skipped.
 */
export async function onEachDatabase(
  only: DatabaseKind | undefined,
  opts: DatabaseOptions,
  body: (database: BenchDatabase) => Promise<void>,
): Promise<string[]> {
  const notes: string[] = [];
  for (const kind of DATABASE_KINDS) {
    if (only && kind !== only) continue;
    const skipped = await withBenchDatabase(kind, opts, body);
    if (skipped) {
      console.log(skipped);
      notes.push(skipped);
    }
  }
  return notes;
}
