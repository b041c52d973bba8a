import { sql } from 'drizzle-orm';
import { pointersFromLeadActivities } from '../activities/next-activity.ts';
import { eventsFrom } from '../audit/service.ts';
import type { TxCtx } from '../context.ts';
import { recomputeFormulas } from '../fields/recalc.ts';
import { leads } from '../leads/tables.ts';
import type { StageRow } from '../pipelines/service.ts';
import { scoped } from '../scope.ts';
import { deals } from './tables.ts';
import { DEAL_CREATED_SQL } from './tracked.ts';

/** One lead to turn into a deal; person/org replace the lead's own when given. */
export interface DealFromLead {
  leadId: string;
  personId?: number | undefined;
  orgId?: number | undefined;
}

export interface DealsFromLeadsInput {
  items: DealFromLead[];
  /** where every new deal goes (resolved by the caller) */
  stage: Pick<StageRow, 'id' | 'pipelineId'>;
  /** the company's default currency, for leads without a value */
  defaultCurrency: string;
  isBulk?: boolean;
}

/**
 * A new deal's 'create' event changes, built in SQL from the inserted row `d`: every tracked field
 * (DEAL_TRACKED) it was made with that has a value, as presented over the API, in that order,
 * then every custom field by key: `{field_key, old_value: null, new_value}`. Built where the deals are
 * inserted, so that a bulk conversion sends no event text to the database and the database parses
 * none (lead-to-deal.test.ts compares it with the deal the API answers). One array of every field,
 * then a JSON path keeps those with a value: no aggregate per deal (the fields are scalars, so the lax
 * path unwraps nothing).
 */
const CREATION_CHANGES = sql`jsonb_path_query_array(jsonb_build_array(${sql.raw(
  DEAL_CREATED_SQL.map(
    ([key, value]) => `jsonb_build_object('field_key', '${key}', 'old_value', NULL, 'new_value', ${value})`,
  ).join(',\n    '),
)}), '$[*] ? (@.new_value != null)') || coalesce((
  SELECT jsonb_agg(jsonb_build_object('field_key', e.key, 'old_value', NULL, 'new_value', e.value) ORDER BY e.key)
  FROM jsonb_each(d.custom_fields) AS e
), '[]'::jsonb)`;

/**
 * Creates one open deal per lead in ONE statement (INSERT … SELECT FROM leads): title, person,
 * organization, value and currency (none → 0 in the default currency), expected close date, owner,
 * visibility, origin/origin_id/channel/channel_id and custom fields come from the lead (values are
 * stored in one form for leads and deals, so they are copied);
 * source_lead_id is the lead; the deals go to the end of the stage in the order given; their next and
 * last activities are the lead's (its activities are the caller's to move to the deal). Leads that
 * are deleted, archived or of another company are skipped (the caller has locked and checked them).
 * Writes each deal's 'create' event in the same statement. Returns lead id → new deal.
 */
export async function insertDealsFromLeads(
  ctx: TxCtx,
  input: DealsFromLeadsInput,
): Promise<Map<string, { id: number }>> {
  const out = new Map<string, { id: number }>();
  if (input.items.length === 0) return out;
  const leadIds = input.items.map((i) => i.leadId);
  const ords = input.items.map((_, n) => n + 1);
  const personIds = input.items.map((i) => i.personId ?? null);
  const orgIds = input.items.map((i) => i.orgId ?? null);
  const { stage } = input;
  const now = new Date().toISOString();
  const pointers = pointersFromLeadActivities(ctx.companyId, sql`l.id`);
  const inserted = await ctx.db.execute(sql`
    WITH m AS (
      SELECT * FROM unnest(${sql.param(leadIds)}::uuid[], ${sql.param(ords)}::int[],
                           ${sql.param(personIds)}::bigint[], ${sql.param(orgIds)}::bigint[])
        AS m(lead_id, ord, person_id, org_id)
    ), base AS (
      SELECT COALESCE(max(${deals.position}), 0) AS p FROM ${deals}
      WHERE ${scoped(ctx, deals, { deleted: 'too', visibility: 'any' })} AND ${deals.stageId} = ${stage.id}
    ), d AS (
      INSERT INTO ${deals} (company_id, title, owner_id, creator_user_id, person_id, org_id, pipeline_id,
        stage_id, value, currency, status, visible_to, stage_change_time, expected_close_date, origin,
        origin_id, channel, channel_id, source_lead_id, position, custom_fields, next_activity_id,
        last_activity_id, add_time, update_time)
      SELECT l.company_id, l.title, l.owner_id, COALESCE(${ctx.actor.userId}::bigint, l.owner_id),
        COALESCE(m.person_id, l.person_id), COALESCE(m.org_id, l.organization_id),
        ${stage.pipelineId}, ${stage.id},
        COALESCE(l.value_amount, 0),
        CASE WHEN l.value_amount IS NULL THEN ${input.defaultCurrency}
             ELSE COALESCE(l.value_currency, ${input.defaultCurrency}) END,
        'open', l.visible_to, ${now}::timestamptz, l.expected_close_date, l.origin,
        l.origin_id, l.channel, l.channel_id, l.id, base.p + m.ord, l.custom_fields, ${pointers.next},
        ${pointers.last}, ${now}::timestamptz, ${now}::timestamptz
      FROM m
      JOIN ${leads} AS l ON l.id = m.lead_id
      CROSS JOIN base
      WHERE l.company_id = ${ctx.companyId} AND l.id = ANY(${sql.param(leadIds)}::uuid[])
        AND l.is_deleted = false AND l.is_archived = false
      ORDER BY m.ord
      RETURNING *
    ), events AS (${eventsFrom(ctx, {
      itemType: 'deal',
      action: 'create',
      isBulk: input.isBulk ?? false,
      itemId: sql`d.id`,
      changes: CREATION_CHANGES,
      from: sql`d ORDER BY d.position`,
    })})
    SELECT id, source_lead_id FROM d`);
  const rows = (inserted as unknown as { rows: { id: number | string; source_lead_id: string }[] }).rows;
  for (const row of rows) out.set(row.source_lead_id, { id: Number(row.id) });
  // formula fields are computed, never carried: one UPDATE over the new deals (none without formulas)
  if (rows.length > 0) {
    await recomputeFormulas(
      ctx,
      sql`${deals.id} = ANY(${sql.param(rows.map((r) => Number(r.id)))}::bigint[])`,
    );
  }
  return out;
}
