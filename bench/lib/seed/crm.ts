/**
 * The large company of the API benchmark (and, smaller, the web benchmark's inbox): organizations,
 * persons with their channels, leads and deals, in a handful of set-based statements.
 */
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../src/db/client.ts';
import { addPersonChannels, analyzeTables, checkpoint, createBenchCompany, rowsOf } from './company.ts';

/** How many rows of each kind one company gets. */
export interface SeedCounts {
  organizations: number;
  persons: number;
  leads: number;
  deals: number;
}

export const DEFAULT_COUNTS: SeedCounts = {
  organizations: 20_000,
  persons: 100_000,
  leads: 100_000,
  deals: 50_000,
};

export interface SeedResult {
  /** milliseconds per step, in order */
  steps: { step: string; ms: number }[];
  totalMs: number;
  /** rows of the company after seeding */
  rows: Record<string, number>;
  /** a sample of existing ids, for requests that need one */
  personIds: number[];
  dealIds: number[];
}

// Word lists the rows are built from (inline SQL arrays, indexed with modulo arithmetic on the series).
const FIRST = `ARRAY['James','Mary','Robert','Patricia','John','Jennifer','Michael','Linda','David','Elizabeth',
  'William','Barbara','Richard','Susan','Joseph','Jessica','Thomas','Sarah','Carlos','Karen','Daniel','Lisa',
  'Matthew','Nancy','Anthony','Betty','Mark','Sandra','Paul','Ashley','Steven','Emily','Andrew','Kimberly',
  'Kenji','Donna','Joshua','Michelle','Mateo','Anna']`;
const LAST = `ARRAY['Smith','Johnson','Williams','Brown','Jones','Garcia','Miller','Davis','Rodriguez','Martinez',
  'Hernandez','Lopez','Gonzalez','Wilson','Anderson','Thomas','Taylor','Moore','Jackson','Martin','Lee','Perez',
  'Thompson','White','Harris','Sanchez','Clark','Ramirez','Lewis','Robinson','Walker','Young','Allen','King',
  'Wright','Scott','Torres','Nguyen','Hill','Müller']`;
const ORG_A = `ARRAY['Acme','Globex','Initech','Umbrella','Stark','Wayne','Wonka','Tyrell','Cyberdyne','Soylent',
  'Hooli','Vandelay','Dunder','Pied Piper','Aperture','Black Mesa','Oscorp','Gringotts','Monarch','Nakatomi',
  'Massive Dynamic','Virtucon','Prestige','Sterling','Bluth','Krusty','Duff','Gekko','Oceanic','Ollivander']`;
const ORG_B = `ARRAY['Systems','Labs','Logistics','Holdings','Software','Foods','Energy','Consulting','Media',
  'Robotics','Pharma','Analytics','Capital','Retail','Motors','Studios','Networks','Partners','Health','Works']`;
const ORG_SUFFIX = `ARRAY['Inc','LLC','Ltd','GmbH','SA']`;
const CITY = `ARRAY['New York','London','Berlin','Paris','Madrid','Tallinn','Toronto','Austin','Sydney','Tokyo',
  'Lisbon','Warsaw']`;
const COUNTRY = `ARRAY['United States','United Kingdom','Germany','France','Spain','Estonia','Canada',
  'United States','Australia','Japan','Portugal','Poland']`;
const STREET = `ARRAY['Main Street','High Street','Market Street','Park Avenue','Station Road','Church Lane',
  'Mill Road','King Street','Queen Street','Harbour Way']`;
const JOB = `ARRAY['CEO','CTO','Head of Sales','Purchasing Manager','Operations Director','Office Manager',
  'Marketing Lead','Software Engineer','CFO','Account Manager']`;
const DOMAIN = `ARRAY['example.com','mail.test','corp.example','inbox.example','company.test']`;
const LEAD_TOPIC = `ARRAY['Website enquiry','Trade show','Referral','Webinar follow-up','Pricing request',
  'Cold outreach','Partner intro','Demo request']`;
const DEAL_TOPIC = `ARRAY['Annual licence','Pilot project','Expansion','Renewal','Onboarding package',
  'Consulting retainer','Hardware order','Support plan']`;
const LOST_REASON = `ARRAY['Price too high','Went with a competitor','No budget','No decision','Bad timing']`;

const words = (list: string) => sql.raw(list.replace(/\s+/g, ' '));

/**
 * An approximation of the contacts' `name_key` (name folded for duplicate matching: case, accents,
 * punctuation, word order) in SQL; the duplicates module owns the real folding.
 */
const nameKey = (expr: SQL) =>
  sql`(SELECT string_agg(w, ' ' ORDER BY w) FROM regexp_split_to_table(lower(f_unaccent(${expr})), '[^a-z0-9]+') w
       WHERE w <> '')`;

/**
 * Fills one company with organizations, persons (and their person_channels rows), leads and deals
 * in a handful of set-based statements (INSERT … SELECT … FROM generate_series), on either driver.
 * Needs the company's default pipeline with its stages and its lead labels (createCompanyWithAdmin).
 */
export async function seedCrm(
  db: Db,
  companyId: number,
  userId: number,
  counts: SeedCounts,
): Promise<SeedResult> {
  const steps: SeedResult['steps'] = [];
  const started = performance.now();
  const step = async (name: string, run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    steps.push({ step: name, ms: Math.round(performance.now() - t0) });
  };
  const c = companyId;
  const u = userId;
  const nOrg = Math.max(counts.organizations, 1);
  const nPerson = Math.max(counts.persons, 1);

  await step(`${counts.organizations} organizations`, () =>
    db.execute(sql`
      INSERT INTO organizations (company_id, name, name_key, owner_id, visible_to, address, website, industry,
        employee_count, annual_revenue, add_time, update_time)
      SELECT ${c}, s.name, ${nameKey(sql.raw('s.name'))}, ${u}, 3,
        jsonb_build_object(
          'value', s.num || ' ' || s.street || ', ' || s.city || ', ' || s.country,
          'country', s.country, 'admin_area_level_1', NULL, 'admin_area_level_2', NULL,
          'locality', s.city, 'sublocality', NULL, 'route', s.street, 'street_number', s.num,
          'subpremise', NULL, 'postal_code', lpad(((s.g::bigint * 7919) % 99999)::text, 5, '0')),
        'https://' || lower(replace(s.name, ' ', '-')) || '.example',
        1 + s.g % 30, 5 + (s.g * 37) % 5000, (100000 + (s.g::bigint * 104729) % 9900000)::numeric,
        s.t, s.t + ((s.g % 90) * interval '1 day')
      FROM (
        SELECT g,
          w.a[1 + g % 30] || ' ' || w.b[1 + (g / 30) % 20] || ' ' || w.sfx[1 + (g / 600) % 5]
            || CASE WHEN g > 3000 THEN ' ' || (g / 3000)::text ELSE '' END AS name,
          w.city[1 + (g * 7) % 12] AS city, w.country[1 + (g * 7) % 12] AS country,
          w.street[1 + (g * 3) % 10] AS street, (1 + (g * 31) % 250)::text AS num,
          now() - interval '100 days' - ((${counts.organizations}::int - g) * interval '37 minutes') AS t
        FROM generate_series(1, ${counts.organizations}::int) g,
          (SELECT ${words(ORG_A)} a, ${words(ORG_B)} b, ${words(ORG_SUFFIX)} sfx, ${words(CITY)} city,
            ${words(COUNTRY)} country, ${words(STREET)} street) w
      ) s`),
  );

  await step(`${counts.persons} persons`, () =>
    db.execute(sql`
      WITH o AS (SELECT id, row_number() OVER (ORDER BY id) rn FROM organizations WHERE company_id = ${c})
      INSERT INTO persons (company_id, name, name_key, name_folded, name_blocks, first_name, last_name, owner_id, org_id, visible_to,
        emails, phones, job_title, add_time, update_time)
      SELECT ${c}, s.f || ' ' || s.l, ${nameKey(sql.raw("s.f || ' ' || s.l"))}, f_unaccent(lower(s.f || ' ' || s.l)), f_name_blocks(s.f || ' ' || s.l), s.f, s.l, ${u}, o.id, 3,
        CASE WHEN s.g % 3 = 0 THEN jsonb_build_array(
            jsonb_build_object('value', s.email, 'primary', true, 'label', 'work'),
            jsonb_build_object('value', lower(s.f) || s.g || '@' || s.dom2, 'primary', false, 'label', 'home'))
          ELSE jsonb_build_array(jsonb_build_object('value', s.email, 'primary', true, 'label', 'work')) END,
        jsonb_build_array(jsonb_build_object('value', s.phone, 'primary', true, 'label', 'work')),
        s.job, s.t, s.t + ((s.g % 30) * interval '1 day')
      FROM (
        SELECT g, w.f[1 + g % 40] AS f, w.l[1 + (g / 40) % 40] AS l, w.job[1 + g % 10] AS job,
          lower(w.f[1 + g % 40]) || '.' || lower(w.l[1 + (g / 40) % 40]) || g || '@' || w.dom[1 + g % 5] AS email,
          w.dom[1 + (g + 2) % 5] AS dom2,
          '+1 (555) ' || lpad(((g::bigint * 7919) % 1000)::text, 3, '0') || '-' || lpad((g % 10000)::text, 4, '0')
            AS phone,
          now() - interval '35 days' - ((${counts.persons}::int - g) * interval '7 minutes') AS t
        FROM generate_series(1, ${counts.persons}::int) g,
          (SELECT ${words(FIRST)} f, ${words(LAST)} l, ${words(JOB)} job, ${words(DOMAIN)} dom) w
      ) s
      LEFT JOIN o ON o.rn = 1 + (s.g * 7) % ${nOrg}::int AND s.g % 5 <> 0`),
  );

  await step('person_channels', () => addPersonChannels(db, c));

  await step(`${counts.leads} leads`, () =>
    db.execute(sql`
      WITH p AS (SELECT id, org_id, name, row_number() OVER (ORDER BY id) rn
                 FROM persons WHERE company_id = ${c}),
           lab AS (SELECT array_agg(id ORDER BY name) ids FROM lead_labels WHERE company_id = ${c})
      INSERT INTO leads (company_id, title, owner_id, creator_id, person_id, organization_id, label_ids,
        source_name, origin, is_archived, archive_time, was_seen, value_amount, value_currency,
        expected_close_date, visible_to, add_time, update_time)
      SELECT ${c}, s.topic || ' – ' || p.name, ${u}, ${u},
        CASE WHEN s.g % 10 = 4 AND p.org_id IS NOT NULL THEN NULL ELSE p.id END, p.org_id,
        CASE WHEN s.g % 4 = 0 OR lab.ids IS NULL THEN '{}'::uuid[]
          ELSE ARRAY[lab.ids[1 + s.g % array_length(lab.ids, 1)]] END,
        CASE WHEN s.g % 3 = 0 THEN 'Manually created' ELSE 'API' END,
        CASE WHEN s.g % 3 = 0 THEN 'ManuallyCreated' ELSE 'API' END,
        s.g % 10 = 0, CASE WHEN s.g % 10 = 0 THEN s.t + interval '3 days' END,
        s.g % 2 = 0,
        CASE WHEN s.g % 5 = 0 THEN NULL ELSE (500 + (s.g::bigint * 7919) % 49500)::numeric END,
        CASE WHEN s.g % 5 = 0 THEN NULL ELSE (ARRAY['USD','EUR','GBP'])[1 + s.g % 3] END,
        CASE WHEN s.g % 2 = 0 THEN (s.t + ((30 + s.g % 120) * interval '1 day'))::date END,
        3, s.t, s.t + ((s.g % 20) * interval '1 hour')
      FROM (
        SELECT g, w.topic[1 + g % 8] AS topic, now() - interval '5 days' - ((${counts.leads}::int - g) * interval '5 minutes') AS t
        FROM generate_series(1, ${counts.leads}::int) g, (SELECT ${words(LEAD_TOPIC)} topic) w
      ) s
      LEFT JOIN p ON p.rn = 1 + (s.g * 13) % ${nPerson}::int
      CROSS JOIN lab`),
  );

  await step(`${counts.deals} deals`, () =>
    db.execute(sql`
      WITH p AS (SELECT id, org_id, name, row_number() OVER (ORDER BY id) rn FROM persons WHERE company_id = ${c}),
           o AS (SELECT id, name FROM organizations WHERE company_id = ${c}),
           pl AS (SELECT id FROM pipelines WHERE company_id = ${c} AND NOT is_deleted
                  ORDER BY order_nr, id LIMIT 1),
           st AS (SELECT pl.id AS pipeline_id, array_agg(s.id ORDER BY s.order_nr, s.id) ids
                  FROM pl JOIN stages s ON s.pipeline_id = pl.id AND s.company_id = ${c} AND NOT s.is_deleted
                  GROUP BY pl.id)
      INSERT INTO deals (company_id, title, owner_id, creator_user_id, person_id, org_id, pipeline_id,
        stage_id, value, currency, status, lost_reason, visible_to, close_time, won_time, lost_time,
        first_won_time, stage_change_time, expected_close_date, origin, position, add_time, update_time)
      SELECT ${c}, coalesce(o.name, p.name, 'Deal ' || s.g) || ' – ' || s.topic, ${u}, ${u}, p.id, p.org_id,
        st.pipeline_id, st.ids[1 + (s.g * 3 + s.g / 20) % array_length(st.ids, 1)],
        (1000 + (s.g::bigint * 104729) % 99000)::numeric, CASE WHEN s.g % 5 = 0 THEN 'EUR' ELSE 'USD' END,
        s.status, CASE WHEN s.status = 'lost' THEN s.lost END, 3,
        CASE WHEN s.status <> 'open' THEN s.t + interval '20 days' END,
        CASE WHEN s.status = 'won' THEN s.t + interval '20 days' END,
        CASE WHEN s.status = 'lost' THEN s.t + interval '20 days' END,
        CASE WHEN s.status = 'won' THEN s.t + interval '20 days' END,
        s.t + ((s.g % 10) * interval '1 day'),
        (s.t + ((15 + s.g % 90) * interval '1 day'))::date,
        CASE WHEN s.g % 4 = 0 THEN 'ManuallyCreated' ELSE 'API' END,
        s.g, s.t, s.t + ((s.g % 25) * interval '1 day')
      FROM (
        SELECT g, w.topic[1 + g % 8] AS topic, w.lost[1 + g % 5] AS lost,
          CASE WHEN g % 20 < 14 THEN 'open' WHEN g % 20 < 17 THEN 'won' ELSE 'lost' END AS status,
          now() - interval '30 days' - ((${counts.deals}::int - g) * interval '11 minutes') AS t
        FROM generate_series(1, ${counts.deals}::int) g,
          (SELECT ${words(DEAL_TOPIC)} topic, ${words(LOST_REASON)} lost) w
      ) s
      CROSS JOIN st
      LEFT JOIN p ON p.rn = 1 + (s.g * 17) % ${nPerson}::int
      LEFT JOIN o ON o.id = p.org_id`),
  );

  await step('analyze', () =>
    analyzeTables(db, ['organizations', 'persons', 'person_channels', 'leads', 'deals'], { vacuum: false }),
  );
  await step('checkpoint', () => checkpoint(db));
  const totalMs = Math.round(performance.now() - started);

  const countRows = await db.execute(sql`
    SELECT (SELECT count(*) FROM organizations WHERE company_id = ${c})::int AS organizations,
           (SELECT count(*) FROM persons WHERE company_id = ${c})::int AS persons,
           (SELECT count(*) FROM person_channels WHERE company_id = ${c})::int AS person_channels,
           (SELECT count(*) FROM leads WHERE company_id = ${c})::int AS leads,
           (SELECT count(*) FROM deals WHERE company_id = ${c})::int AS deals`);
  const persons = await db.execute(
    sql`SELECT id FROM persons WHERE company_id = ${c} AND NOT is_deleted ORDER BY random() LIMIT 200`,
  );
  const deals = await db.execute(
    sql`SELECT id FROM deals WHERE company_id = ${c} AND NOT is_deleted ORDER BY random() LIMIT 20`,
  );
  return {
    steps,
    totalMs,
    rows: rowsOf(countRows)[0] as Record<string, number>,
    personIds: rowsOf(persons).map((r) => Number(r.id)),
    dealIds: rowsOf(deals).map((r) => Number(r.id)),
  };
}

/** Creates the benchmark company with its admin and API token, and seeds it (the database migrated). */
export async function prepareCrmCompany(db: Db, counts: SeedCounts) {
  const tenant = await createBenchCompany(db, 'Bench Co');
  return { tenant, seed: await seedCrm(db, tenant.companyId, tenant.userId, counts) };
}
