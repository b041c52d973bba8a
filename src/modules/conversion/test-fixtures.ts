import { and, eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Tenant } from '../../../test/helpers/app.ts';
import { activities } from '../activities/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';

/** Test-only helpers: contacts inserted directly, leads, notes and activities through the API. */
type Caller = Pick<Tenant, 'db' | 'companyId' | 'userId' | 'post'>;

export async function insertPerson(t: Caller, o: { visibleTo?: number; ownerId?: number } = {}) {
  const [row] = await t.db
    .insert(persons)
    .values({
      companyId: t.companyId,
      name: 'Pat Person',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: persons.id });
  return row?.id as number;
}

export async function insertOrganization(t: Caller, o: { visibleTo?: number; ownerId?: number } = {}) {
  const [row] = await t.db
    .insert(organizations)
    .values({
      companyId: t.companyId,
      name: 'Orgo Ltd',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: organizations.id });
  return row?.id as number;
}

/** A lead through v1 POST /leads (with a person unless given). */
export async function addLead(t: Caller, body: Record<string, unknown> = {}): Promise<string> {
  const person = (body.person_id ?? body.organization_id) ? {} : { person_id: await insertPerson(t) };
  const res = await t.post('/api/v1/leads', { title: 'Big opportunity', ...person, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id;
}

export async function addNote(
  t: Caller,
  link: { lead_id?: string; deal_id?: number; pinned_to_lead_flag?: 0 | 1 },
  content = 'A note',
) {
  const res = await t.post('/api/v1/notes', { content, ...link });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data.id as number;
}

export async function addActivity(
  t: Caller,
  link: { lead_id?: string; deal_id?: number },
  extra: Record<string, unknown> = {},
) {
  const res = await t.post('/api/v2/activities', { subject: 'Call', ...link, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.id as number;
}

/** The lead row, deleted or not (what the API no longer shows). */
export async function leadRow(t: Pick<Tenant, 'db'>, id: string) {
  const [row] = await t.db.select().from(leads).where(eq(leads.id, id));
  return row;
}

export async function dealsFromLead(t: Pick<Tenant, 'db' | 'companyId'>, leadId: string) {
  return t.db
    .select()
    .from(deals)
    .where(and(eq(deals.companyId, t.companyId), eq(deals.sourceLeadId, leadId)))
    .orderBy(deals.id);
}

export async function noteRows(t: Pick<Tenant, 'db' | 'companyId'>, ids: number[]) {
  const rows = await t.db.select().from(notes).where(eq(notes.companyId, t.companyId));
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.id - b.id);
}

export async function activityRows(t: Pick<Tenant, 'db' | 'companyId'>, ids: number[]) {
  const rows = await t.db.select().from(activities).where(eq(activities.companyId, t.companyId));
  return rows.filter((r) => ids.includes(r.id)).sort((a, b) => a.id - b.id);
}

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
