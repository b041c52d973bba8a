/**
 * What every benchmark's seed starts and ends with: a company made by the app's own set-up (its admin
 * with an API token, the default pipeline and stages, the lead labels), the person_channels rows of
 * persons written in bulk, and statistics and a checkpoint before anything is timed.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { createCompanyWithAdmin } from '../../../src/modules/users/company.ts';

/** A benchmark's company: requests carry its admin's API token. */
export interface BenchCompany {
  companyId: number;
  userId: number;
  token: string;
}

/** A company and its admin (`login`: an e-mail and password the browser logs in with). */
export async function createBenchCompany(
  db: Db,
  name: string,
  login?: { email: string; password: string },
): Promise<BenchCompany> {
  const unique = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const created = await createCompanyWithAdmin(db, {
    companyName: name,
    adminName: 'Bench Admin',
    email: login?.email ?? `bench-${unique}@example.com`,
    password: login?.password,
  });
  return { companyId: created.company.id, userId: created.user.id, token: created.apiToken };
}

/**
 * The person_channels rows of the company's persons (what the app writes beside each e-mail and
 * phone): e-mails lower-cased, phones as their digits, with a + when written internationally.
 */
export function addPersonChannels(db: Db, companyId: number) {
  return db.execute(sql`
    INSERT INTO person_channels (company_id, person_id, kind, value, normalized)
    SELECT p.company_id, p.id, 'email', e->>'value', lower(trim(e->>'value'))
      FROM persons p, jsonb_array_elements(p.emails) e WHERE p.company_id = ${companyId}
    UNION ALL
    SELECT p.company_id, p.id, 'phone', e->>'value',
      CASE WHEN e->>'value' LIKE '+%' THEN '+' ELSE '' END || regexp_replace(e->>'value', '[^0-9]', '', 'g')
      FROM persons p, jsonb_array_elements(p.phones) e WHERE p.company_id = ${companyId}`);
}

/** Statistics for the planner after seeding: VACUUM ANALYZE table by table with `vacuum`, else one ANALYZE. */
export async function analyzeTables(db: Db, tables: readonly string[], opts: { vacuum: boolean }) {
  if (!opts.vacuum) return db.execute(sql.raw(`ANALYZE ${tables.join(', ')}`));
  for (const table of tables) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
}

/**
 * Seeding leaves WAL and dirty pages: without a checkpoint after it, one lands inside whichever
 * measurement comes first (PGlite, which has no checkpointer process, runs it inside the statement
 * that crosses max_wal_size).
 */
export const checkpoint = (db: Db) => db.execute(sql`CHECKPOINT`);

/** `db.execute` answers `{ rows }` on both drivers. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}
