import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Tenant } from './app.ts';

/** Converts a lead through the API and returns the conversion id (expects 200). */
export async function convert(t: Pick<Tenant, 'post'>, leadId: string, body: Record<string, unknown> = {}) {
  const res = await t.post(`/api/v2/leads/${leadId}/convert/deal`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.conversion_id as string;
}

export async function statusOf(t: Pick<Tenant, 'get'>, leadId: string, conversionId: string) {
  return (await t.get(`/api/v2/leads/${leadId}/convert/status/${conversionId}`)).body.data;
}

/** What the caller reads of a failure the database caused: a generic message with an error id. */
export const INTERNAL_ERROR = /failed because of an internal error \(error id [0-9a-f]{16}\)$/;

/**
 * Makes UPDATEs of this company's notes fail (only those of one lead, when given), as a broken step
 * in the middle of a conversion would: a trigger scoped to the company, so that other tests on the
 * same database are not touched.
 */
export async function withFailingNotes<T>(
  t: Pick<Tenant, 'db' | 'companyId'>,
  fn: () => Promise<T>,
  opts: { leadId?: string } = {},
): Promise<T> {
  const name = sql.identifier(`pw_test_fail_notes_${t.companyId}`);
  const lead = opts.leadId ? sql.raw(`AND OLD.lead_id = '${opts.leadId.replace(/[^0-9a-f-]/g, '')}'`) : sql``;
  await t.db.execute(sql`
    CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.company_id = ${sql.raw(String(Number(t.companyId)))} ${lead} THEN
        RAISE EXCEPTION 'injected failure: notes cannot move';
      END IF;
      RETURN NEW;
    END $$`);
  await t.db.execute(
    sql`CREATE TRIGGER ${name} BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION ${name}()`,
  );
  try {
    return await fn();
  } finally {
    await t.db.execute(sql`DROP TRIGGER ${name} ON notes`);
    await t.db.execute(sql`DROP FUNCTION ${name}()`);
  }
}
