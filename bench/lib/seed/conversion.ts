/**
 * The conversion benchmark's company (bench/conversion.ts, and the crash test): its leads each carry a
 * person and an organization, two notes and two activities (one done, one open), and it has as many
 * deals as leads already in its pipeline, written in a few set-based INSERT … SELECT statements.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { analyzeTables, type BenchCompany, checkpoint, createBenchCompany, rowsOf } from './company.ts';

export interface ConvTenant extends BenchCompany {
  /** the company's open leads, oldest first */
  leadIds: string[];
}

/** Creates a company with its admin, `leads` leads (2 notes + 2 activities each) and `leads` deals. */
export async function seedConversionCompany(db: Db, name: string, leads: number): Promise<ConvTenant> {
  const company = await createBenchCompany(db, name);
  const c = company.companyId;
  const u = company.userId;
  const n = leads;
  const orgs = Math.max(1, Math.ceil(n / 10));
  await db.execute(sql`
    INSERT INTO organizations (company_id, name, name_key, owner_id, visible_to, add_time, update_time)
    SELECT ${c}, 'Conv Org ' || g, 'conv org ' || g, ${u}, 3, now() - interval '30 days', now() - interval '30 days'
    FROM generate_series(1, ${orgs}::int) g`);
  await db.execute(sql`
    WITH o AS (SELECT id, row_number() OVER (ORDER BY id) rn FROM organizations WHERE company_id = ${c})
    INSERT INTO persons (company_id, name, name_key, name_folded, name_blocks, first_name, last_name, owner_id, org_id, visible_to, emails,
      phones, add_time, update_time)
    SELECT ${c}, 'Person ' || g, g || ' person', 'person ' || g, f_name_blocks('Person ' || g), 'Person', g::text, ${u}, o.id, 3,
      jsonb_build_array(jsonb_build_object('value', 'p' || g || '@conv.example', 'primary', true, 'label', 'work')),
      '[]'::jsonb, now() - interval '20 days', now() - interval '20 days'
    FROM generate_series(1, ${n}::int) g JOIN o ON o.rn = 1 + g % ${orgs}::int`);
  await db.execute(sql`
    WITH p AS (SELECT id, org_id, row_number() OVER (ORDER BY id) rn FROM persons WHERE company_id = ${c})
    INSERT INTO leads (company_id, title, owner_id, creator_id, person_id, organization_id, source_name, origin,
      was_seen, value_amount, value_currency, expected_close_date, visible_to, custom_fields, add_time,
      update_time)
    SELECT ${c}, 'Conversion lead ' || p.rn, ${u}, ${u}, p.id, p.org_id, 'API', 'API', p.rn % 2 = 0,
      CASE WHEN p.rn % 5 = 0 THEN NULL ELSE (500 + (p.rn * 7919) % 49500)::numeric END,
      CASE WHEN p.rn % 5 = 0 THEN NULL ELSE (ARRAY['USD','EUR','GBP'])[1 + p.rn % 3] END,
      CASE WHEN p.rn % 2 = 0 THEN current_date + (30 + p.rn % 90)::int END, 3, '{}'::jsonb,
      now() - interval '10 days' + p.rn * interval '1 second', now() - interval '10 days' + p.rn * interval '1 second'
    FROM p WHERE p.rn <= ${n}::int`);
  // The lead's id is in every note and activity: the check afterwards proves each moved to ITS deal.
  await db.execute(sql`
    INSERT INTO notes (company_id, user_id, content, lead_id, pinned_to_lead_flag, add_time, update_time)
    SELECT l.company_id, ${u}, '<p>Note ' || k || ' of lead ' || l.id || '</p>', l.id, k = 1,
      l.add_time + k * interval '1 minute', l.add_time + k * interval '1 minute'
    FROM leads l CROSS JOIN generate_series(1, 2) k WHERE l.company_id = ${c}`);
  await db.execute(sql`
    INSERT INTO activities (company_id, subject, type, owner_id, creator_user_id, lead_id, person_id, org_id,
      due_date, due_time, done, marked_as_done_time, add_time, update_time)
    SELECT l.company_id, CASE WHEN k = 1 THEN 'Call about ' ELSE 'Meeting about ' END || l.id,
      CASE WHEN k = 1 THEN 'call' ELSE 'meeting' END, ${u}, ${u}, l.id, l.person_id, l.organization_id,
      CASE WHEN k = 1 THEN current_date - 2 ELSE current_date + 7 END, '10:00', k = 1,
      CASE WHEN k = 1 THEN now() - interval '2 days' END, l.add_time, l.add_time
    FROM leads l CROSS JOIN generate_series(1, 2) k WHERE l.company_id = ${c}`);
  await db.execute(sql`
    UPDATE leads l SET next_activity_id = a.id FROM activities a
    WHERE l.company_id = ${c} AND a.company_id = ${c} AND a.lead_id = l.id AND NOT a.done`);
  // Deals the company already has (as many as leads), over the default pipeline's stages: the new deals
  // join a populated table, with statistics that say so.
  await db.execute(sql`
    WITH st AS (SELECT array_agg(s.id ORDER BY s.order_nr, s.id) ids, min(s.pipeline_id) pipeline_id
                FROM stages s WHERE s.company_id = ${c} AND NOT s.is_deleted
                  AND s.pipeline_id = (SELECT min(id) FROM pipelines WHERE company_id = ${c}))
    INSERT INTO deals (company_id, title, owner_id, creator_user_id, person_id, org_id, pipeline_id, stage_id,
      value, currency, status, visible_to, origin, position, add_time, update_time)
    SELECT ${c}, 'Existing deal ' || g, ${u}, ${u}, NULL, NULL, st.pipeline_id,
      st.ids[1 + g % array_length(st.ids, 1)], (1000 + g % 9000)::numeric, 'USD',
      CASE WHEN g % 10 < 7 THEN 'open' WHEN g % 10 < 9 THEN 'won' ELSE 'lost' END, 3, 'API', g,
      now() - interval '60 days' + g * interval '1 second', now() - interval '60 days' + g * interval '1 second'
    FROM generate_series(1, ${n}::int) g CROSS JOIN st`);
  const ids = await db.execute(
    sql`SELECT id FROM leads WHERE company_id = ${c} AND NOT is_deleted ORDER BY add_time, id`,
  );
  return {
    ...company,
    leadIds: rowsOf(ids).map((r) => String(r.id)),
  };
}

/** Statistics of both companies' tables, then a checkpoint, before anything is timed. */
export async function analyze(db: Db): Promise<void> {
  await analyzeTables(db, ['organizations', 'persons', 'leads', 'notes', 'activities', 'deals'], {
    vacuum: true,
  });
  await checkpoint(db);
}
