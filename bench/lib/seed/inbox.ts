/**
 * The company the web benchmark logs in to: an admin with a password (the browser logs in through
 * /api/ext/session), 10,000 leads in the inbox with persons, organizations and the default labels
 * (crm.ts, none archived), and a next activity on two leads in three (some overdue, some today,
 * most in the future), as the inbox's default sort orders by them.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { createBenchCompany, rowsOf } from './company.ts';
import { seedCrm } from './crm.ts';

export interface WebTenant {
  companyId: number;
  userId: number;
  email: string;
  password: string;
}

export interface WebSeed {
  ms: number;
  rows: Record<string, number>;
}

export const INBOX_LEADS = 10_000;

export function newLogin(): { email: string; password: string } {
  return {
    email: `bench-web-${process.pid}-${Date.now()}@example.com`,
    password: `bench-${Math.random().toString(36).slice(2)}-password`,
  };
}

/** Creates the company and its admin, and fills it (set-based SQL; the database migrated). */
export async function prepareInbox(
  db: Db,
  login: { email: string; password: string },
  leads = INBOX_LEADS,
): Promise<{ tenant: WebTenant; seed: WebSeed }> {
  const t0 = performance.now();
  const company = await createBenchCompany(db, 'Bench Web Co', login);
  const c = company.companyId;
  const u = company.userId;
  const counts = {
    organizations: Math.max(1, Math.round(leads / 5)),
    persons: leads,
    leads,
    deals: 0,
  };
  await seedCrm(db, c, u, counts);
  // every lead in the inbox (the seed archives one in ten)
  await db.execute(sql`UPDATE leads SET is_archived = false, archive_time = NULL
    WHERE company_id = ${c} AND is_archived`);
  await db.execute(sql`
    WITH l AS (
      SELECT id, person_id, organization_id, row_number() OVER (ORDER BY add_time, id) AS rn
      FROM leads WHERE company_id = ${c}
    ), ins AS (
      INSERT INTO activities (company_id, subject, type, owner_id, creator_user_id, lead_id, person_id,
        org_id, due_date, due_time, add_time, update_time)
      SELECT ${c}, (ARRAY['Call back','Send proposal','Follow-up e-mail','Intro meeting'])[1 + l.rn % 4],
        (ARRAY['call','task','email','meeting'])[1 + l.rn % 4], ${u}, ${u}, l.id, l.person_id,
        l.organization_id, (current_date + ((l.rn % 50) - 10) * interval '1 day')::date,
        CASE WHEN l.rn % 2 = 0 THEN lpad(((8 + l.rn % 10))::text, 2, '0') || ':30' END, now(), now()
      FROM l WHERE l.rn % 3 <> 0
      RETURNING id, lead_id
    )
    UPDATE leads SET next_activity_id = ins.id FROM ins
    WHERE leads.company_id = ${c} AND leads.id = ins.lead_id`);
  await db.execute(sql`ANALYZE leads, activities`);
  const counted = await db.execute(sql`
    SELECT (SELECT count(*) FROM leads WHERE company_id = ${c} AND NOT is_archived AND NOT is_deleted)::int
             AS inbox_leads,
           (SELECT count(*) FROM leads WHERE company_id = ${c} AND next_activity_id IS NOT NULL)::int
             AS with_next_activity,
           (SELECT count(*) FROM persons WHERE company_id = ${c})::int AS persons,
           (SELECT count(*) FROM organizations WHERE company_id = ${c})::int AS organizations,
           (SELECT count(*) FROM lead_labels WHERE company_id = ${c})::int AS labels`);
  return {
    tenant: { companyId: c, userId: u, ...login },
    seed: {
      ms: Math.round(performance.now() - t0),
      rows: rowsOf(counted)[0] as Record<string, number>,
    },
  };
}
