/**
 * Pipewright looks after the statistics and dead rows of a database that nobody else looks after: the
 * embedded one (PGlite has no autovacuum, and nothing else runs ANALYZE there) and a PostgreSQL that
 * reports `autovacuum` off. It does what autovacuum would, with autovacuum's default thresholds, read
 * from the same counters (pg_stat_user_tables: rows changed since the last ANALYZE, dead rows, rows
 * inserted since the last VACUUM): ANALYZE where the planner's estimates went stale, VACUUM (with
 * ANALYZE) where soft deletes, updates and conversions left dead rows. One table per step, with a
 * pause between steps, so that the embedded database's single connection serves requests between them.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from './client.ts';

/** autovacuum's defaults: base threshold + scale factor × the table's rows */
const ANALYZE_BASE = 50;
const ANALYZE_SCALE = 0.1;
const VACUUM_BASE = 50;
const VACUUM_SCALE = 0.2;
const INSERT_VACUUM_BASE = 1000;
const INSERT_VACUUM_SCALE = 0.2;

export interface TableCare {
  table: string;
  /** VACUUM (ANALYZE) when dead or newly inserted rows call for it, else ANALYZE */
  action: 'analyze' | 'vacuum';
  /** how far past its threshold the table is (the most overdue is cared for first) */
  urgency: number;
}

interface TableStats {
  relname: string;
  reltuples: number;
  n_mod_since_analyze: number;
  n_dead_tup: number;
  n_ins_since_vacuum: number;
  analyzed: boolean;
}

/**
 * Whether Pipewright must look after this database itself: always for the embedded one; for
 * PostgreSQL only when the server says autovacuum is off.
 */
export async function ownsMaintenance(database: Pick<Database, 'db' | 'kind'>): Promise<boolean> {
  if (database.kind === 'pglite') return true;
  const result = (await database.db.execute(sql`SHOW autovacuum`)) as unknown as {
    rows: { autovacuum: string }[];
  };
  return result.rows[0]?.autovacuum === 'off';
}

/** The tables of the schema that need an ANALYZE or a VACUUM now, most overdue first. */
export async function tablesToCare(db: Db): Promise<TableCare[]> {
  const result = (await db.execute(sql`
    SELECT s.relname, c.reltuples::float8 AS reltuples, s.n_mod_since_analyze::float8 AS n_mod_since_analyze,
      s.n_dead_tup::float8 AS n_dead_tup, s.n_ins_since_vacuum::float8 AS n_ins_since_vacuum,
      (s.last_analyze IS NOT NULL OR s.last_autoanalyze IS NOT NULL) AS analyzed
    FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
    WHERE s.schemaname = current_schema() AND s.relname NOT LIKE '\\_\\_drizzle%'`)) as unknown as {
    rows: TableStats[];
  };
  const care: TableCare[] = [];
  for (const t of result.rows) {
    const rows = Math.max(0, t.reltuples);
    const dead = t.n_dead_tup / (VACUUM_BASE + VACUUM_SCALE * rows);
    const inserted = t.n_ins_since_vacuum / (INSERT_VACUUM_BASE + INSERT_VACUUM_SCALE * rows);
    // Never analyzed (a new table, or counters lost with a crash): its estimates are guesses.
    const changed = t.analyzed ? t.n_mod_since_analyze / (ANALYZE_BASE + ANALYZE_SCALE * rows) : 2;
    if (dead > 1 || inserted > 1)
      care.push({ table: t.relname, action: 'vacuum', urgency: Math.max(dead, inserted, changed) });
    else if (changed > 1) care.push({ table: t.relname, action: 'analyze', urgency: changed });
  }
  return care.sort((a, b) => b.urgency - a.urgency || a.table.localeCompare(b.table));
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Cares for the most overdue table (one statement, outside any transaction). Answers what it did. */
export async function careForOne(db: Db): Promise<TableCare | null> {
  const [next] = await tablesToCare(db);
  if (!next) return null;
  const table = quoted(next.table);
  await db.execute(sql.raw(next.action === 'vacuum' ? `VACUUM (ANALYZE) ${table}` : `ANALYZE ${table}`));
  return next;
}

export interface Maintenance {
  /** checks soon (after bulk work), instead of at the next interval */
  nudge(): void;
  stop(): Promise<void>;
}

export interface MaintenanceOptions {
  /** how often the counters are read when there was nothing to do (default 15 s) */
  intervalMs?: number;
  /** pause between two tables (default 250 ms): requests are served meanwhile */
  gapMs?: number;
  /** wait after a nudge (default 1.5 s): the database publishes its counters about once a second */
  nudgeDelayMs?: number;
  /** waits for a moment without requests before each table (the embedded database's one connection) */
  quiet?: () => Promise<void>;
  onCare?: (done: TableCare, ms: number) => void;
  onError?: (err: unknown) => void;
}

/** Starts looking after `db`: one table per step while any needs it, then a check every interval. */
export function startMaintenance(db: Db, opts: MaintenanceOptions = {}): Maintenance {
  const intervalMs = opts.intervalMs ?? 15_000;
  const gapMs = opts.gapMs ?? 250;
  const nudgeDelayMs = opts.nudgeDelayMs ?? 1500;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let dueAt = Number.POSITIVE_INFINITY;
  /** the next step in `ms`; a nudge never postpones a step already due sooner */
  const schedule = (ms: number, postpone = true) => {
    if (stopped) return;
    const at = Date.now() + ms;
    if (!postpone && at >= dueAt) return;
    clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(step, ms);
    timer.unref();
  };
  function step() {
    dueAt = Number.POSITIVE_INFINITY;
    if (stopped || running) return;
    running = (async () => {
      let next = intervalMs;
      try {
        await opts.quiet?.();
        const t0 = performance.now();
        const done = await careForOne(db);
        if (done) {
          opts.onCare?.(done, performance.now() - t0);
          next = gapMs;
        }
      } catch (err) {
        opts.onError?.(err);
      }
      running = null;
      schedule(next);
    })();
  }
  schedule(0);
  return {
    nudge: () => schedule(nudgeDelayMs, false),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
