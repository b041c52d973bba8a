import { and, eq, type Placeholder, sql } from 'drizzle-orm';
import { insertSelect } from '../../db/insert-select.ts';
import { placeholderCtx, prepared, statementValues } from '../../db/prepared.ts';
import { auditInsertFrom, diffFields, recordEvent } from '../audit/service.ts';
import {
  assertOrganizationExists,
  assertPersonExists,
  organizationExistsSql,
  personExistsSql,
} from '../contacts/refs.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, invalid, notFound } from '../errors.ts';
import { writeCustomValues } from '../fields/values.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist, listUsers, usersExistSql } from '../users/service.ts';
import { DEFAULT_VISIBLE_TO } from '../users/visibility.ts';
import { assertLabelsExist, isUuid, labelsExistSql } from './labels.ts';
import { LEAD_KEYS, type LeadRow, type PresentedLead, presentLead } from './present.ts';
import type { AddLeadInput, UpdateLeadInput } from './schema.ts';
import { softDeleteLeads } from './soft-delete-many.ts';
import type { LeadSource } from './sources.ts';
import { leads } from './tables.ts';

export { listLeads } from './list.ts';
export { type LeadRow, presentLead } from './present.ts';
export type { AddLeadInput, UpdateLeadInput } from './schema.ts';
export { API_SOURCE, type LeadSource, MANUAL_SOURCE } from './sources.ts';

/** A lead of the company that the caller may see; deleted ones are not found. */
export async function getLead(ctx: Ctx, id: string): Promise<LeadRow> {
  if (!isUuid(id)) throw notFound('Lead');
  const [row] = await ctx.db
    .select()
    .from(leads)
    .where(and(scoped(ctx, leads), eq(leads.id, id)));
  if (!row) throw notFound('Lead');
  return row;
}

const dedupe = (ids: string[]) => [...new Set(ids.map((id) => id.toLowerCase()))];

/**
 * Adds a lead. `source` says where it comes from: API_SOURCE over the API, MANUAL_SOURCE in the app.
 * One prepared statement checks the references, inserts the lead and writes its audit event, so it
 * needs no transaction of its own (inside one, it is part of it). When a reference is missing nothing
 * is written, and the checks run one by one to refuse with the error that names the field.
 */
export async function addLead(ctx: Ctx, input: AddLeadInput, source: LeadSource): Promise<LeadRow> {
  const personId = input.person_id ?? null;
  const organizationId = input.organization_id ?? null;
  if (personId === null && organizationId === null) {
    throw invalid('person_id', 'a lead needs a person_id or an organization_id');
  }
  const labelIds = dedupe(input.label_ids ?? []);
  const refs: LeadRefs = { personId, organizationId, ownerId: input.owner_id, labelIds };
  if (!labelIds.every(isUuid)) await assertLeadRefs(ctx, refs);

  const lead: NewLead = {
    companyId: ctx.companyId,
    title: input.title,
    ownerId: input.owner_id ?? ctx.user.id,
    creatorId: ctx.user.id,
    personId,
    organizationId,
    labelIds,
    sourceName: source.sourceName,
    origin: source.origin,
    originId: input.origin_id ?? null,
    channel: input.channel ?? null,
    channelId: input.channel_id ?? null,
    sourceDealId: source.sourceDealId ?? null,
    wasSeen: input.was_seen ?? false,
    valueAmount: input.value ? String(input.value.amount) : null,
    valueCurrency: input.value ? input.value.currency : null,
    expectedCloseDate: input.expected_close_date ?? null,
    visibleTo: input.visible_to ?? DEFAULT_VISIBLE_TO,
    customFields:
      input.stored_custom_fields ??
      (await writeCustomValues(ctx, 'deal', {}, input.custom_fields, 'v1')) ??
      {},
  };
  const ownerIds = input.owner_id !== undefined ? [input.owner_id] : [];
  const [stored] = await addLeadStatement(ctx, refs).execute(
    Object.assign(statementValues(ctx, lead), { ownerIds }),
  );
  // Object.assign rather than spreads: spreading wide objects is slow on V8
  if (stored) return Object.assign(lead, NEW_LEAD_DEFAULTS, stored) satisfies LeadRow;
  await assertLeadRefs(ctx, refs);
  throw new AppError('conflict', 'Lead not created: a record it names changed meanwhile; try again');
}

/** The columns addLead writes; the row it answers is these, NEW_LEAD_DEFAULTS and then STORED. */
type NewLead = Omit<LeadRow, keyof typeof NEW_LEAD_DEFAULTS | 'id' | 'addTime' | 'updateTime'>;

/** Columns a new lead leaves to their defaults. */
const NEW_LEAD_DEFAULTS = {
  isArchived: false,
  archiveTime: null,
  nextActivityId: null,
  isDeleted: false,
  deleteTime: null,
} as const;

/**
 * Columns read back from the database: what it generates, and values it stores in its own form
 * (jsonb orders keys, numeric normalises). Returning fewer columns makes the statement cheaper.
 */
const STORED = {
  id: leads.id,
  addTime: leads.addTime,
  updateTime: leads.updateTime,
  valueAmount: leads.valueAmount,
  customFields: leads.customFields,
};

interface LeadRefs {
  personId: number | null;
  organizationId: number | null;
  ownerId: number | undefined;
  labelIds: string[];
}

/** The statement of addLead for the references the request names (one variant each). */
function addLeadStatement(ctx: Ctx, r: LeadRefs) {
  const named = {
    person: r.personId !== null,
    org: r.organizationId !== null,
    owner: r.ownerId !== undefined,
    labels: r.labelIds.length > 0,
    admin: ctx.user.isAdmin,
  };
  let name = 'add_lead';
  for (const [k, v] of Object.entries(named)) if (v) name += `_${k}`;
  return prepared(ctx.db, name, (db) => {
    const p = sql.placeholder;
    const c = placeholderCtx(db, named.admin);
    const checks = and(
      named.person ? personExistsSql(c, p('personId')) : undefined,
      named.org ? organizationExistsSql(c, p('organizationId')) : undefined,
      named.owner ? usersExistSql(c, p('ownerIds')) : undefined,
      named.labels ? labelsExistSql(c, p('labelIds')) : undefined,
    );
    const values: Record<keyof NewLead, Placeholder> = {
      companyId: p('companyId'),
      title: p('title'),
      ownerId: p('ownerId'),
      creatorId: p('creatorId'),
      personId: p('personId'),
      organizationId: p('organizationId'),
      labelIds: p('labelIds'),
      sourceName: p('sourceName'),
      origin: p('origin'),
      originId: p('originId'),
      channel: p('channel'),
      channelId: p('channelId'),
      sourceDealId: p('sourceDealId'),
      wasSeen: p('wasSeen'),
      valueAmount: p('valueAmount'),
      valueCurrency: p('valueCurrency'),
      expectedCloseDate: p('expectedCloseDate'),
      visibleTo: p('visibleTo'),
      customFields: p('customFields'),
    };
    const returned = sql.join(
      Object.values(STORED).map((column) => sql.identifier(column.name)),
      sql`, `,
    );
    const created = db
      .$with('new_lead', STORED)
      .as(sql`${insertSelect(leads, values, sql` where ${checks}`)} returning ${returned}`);
    const event = auditInsertFrom(c, 'new_lead_event', created, {
      itemType: 'lead',
      itemId: created.id,
      action: 'create',
    });
    return db.with(created, event).select().from(created);
  });
}

/** The same checks one by one: the first missing reference is refused with its field. */
async function assertLeadRefs(ctx: Ctx, r: LeadRefs) {
  if (r.personId !== null) await assertPersonExists(ctx, r.personId, 'person_id');
  if (r.organizationId !== null) await assertOrganizationExists(ctx, r.organizationId, 'organization_id');
  if (r.ownerId !== undefined) await assertUsersExist(ctx, [r.ownerId], 'owner_id');
  await assertLabelsExist(ctx, r.labelIds);
}

/** The fields an update sends, as the row they make (before any write). */
function applyUpdate(before: LeadRow, input: UpdateLeadInput, now: Date): LeadRow {
  const next: LeadRow = { ...before };
  if (input.title !== undefined) next.title = input.title;
  if (input.owner_id !== undefined) next.ownerId = input.owner_id;
  if (input.label_ids !== undefined) next.labelIds = dedupe(input.label_ids);
  if (input.person_id !== undefined) next.personId = input.person_id;
  if (input.organization_id !== undefined) next.organizationId = input.organization_id;
  if (input.value !== undefined) {
    next.valueAmount = input.value ? String(input.value.amount) : null;
    next.valueCurrency = input.value ? input.value.currency : null;
  }
  if (input.expected_close_date !== undefined) next.expectedCloseDate = input.expected_close_date;
  if (input.visible_to !== undefined) next.visibleTo = input.visible_to;
  if (input.was_seen !== undefined) next.wasSeen = input.was_seen;
  if (input.channel !== undefined) next.channel = input.channel;
  if (input.channel_id !== undefined) next.channelId = input.channel_id;
  if (input.is_archived !== undefined && input.is_archived !== before.isArchived) {
    next.isArchived = input.is_archived;
    next.archiveTime = input.is_archived ? now : null;
  }
  return next;
}

/** Keys of the presented lead compared for the changelog: built-in fields and custom fields. */
function changedFields(before: PresentedLead, after: PresentedLead) {
  const keys = new Set<string>(LEAD_KEYS.filter((k) => k !== 'update_time' && k !== 'add_time'));
  for (const k of Object.keys(before)) keys.add(k);
  for (const k of Object.keys(after)) keys.add(k);
  return diffFields(before as Record<string, unknown>, after as Record<string, unknown>, [...keys]);
}

function hasFieldChanges(input: UpdateLeadInput): boolean {
  return Object.entries(input).some(([k, v]) =>
    k === 'custom_fields' ? Object.keys(v as object).length > 0 : k !== 'is_archived' && v !== undefined,
  );
}

/**
 * Updates the fields sent (null unsets). An archived lead accepts nothing but being unarchived
 * (behaviour spec §1.9: archived leads cannot be edited over the API).
 */
export async function updateLead(ctx: Ctx, id: string, input: UpdateLeadInput): Promise<LeadRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getLead(ctx, id);
    if (before.isArchived && hasFieldChanges(input)) {
      throw new AppError('forbidden', 'Archived leads cannot be edited; unarchive first');
    }
    const now = new Date();
    const next = applyUpdate(before, input, now);
    next.customFields =
      (await writeCustomValues(ctx, 'deal', before.customFields, input.custom_fields, 'v1')) ??
      before.customFields;
    if (next.personId === null && next.organizationId === null) {
      throw invalid('person_id', 'a lead must keep a person_id or an organization_id');
    }
    if (next.personId !== null && next.personId !== before.personId) {
      const personId = next.personId;
      await assertPersonExists(ctx, personId, 'person_id');
    }
    if (next.organizationId !== null && next.organizationId !== before.organizationId) {
      const organizationId = next.organizationId;
      await assertOrganizationExists(ctx, organizationId, 'organization_id');
    }
    if (next.ownerId !== before.ownerId) await assertUsersExist(ctx, [next.ownerId], 'owner_id');
    if (input.label_ids !== undefined) await assertLabelsExist(ctx, next.labelIds);

    const changes = changedFields(presentLead(before), presentLead(next));
    if (changes.length === 0) return before;
    const [row] = await ctx.db
      .update(leads)
      .set({
        title: next.title,
        ownerId: next.ownerId,
        labelIds: next.labelIds,
        personId: next.personId,
        organizationId: next.organizationId,
        valueAmount: next.valueAmount,
        valueCurrency: next.valueCurrency,
        expectedCloseDate: next.expectedCloseDate,
        visibleTo: next.visibleTo,
        wasSeen: next.wasSeen,
        channel: next.channel,
        channelId: next.channelId,
        customFields: next.customFields,
        isArchived: next.isArchived,
        archiveTime: next.archiveTime,
        updateTime: now,
      })
      .where(and(eq(leads.companyId, ctx.companyId), eq(leads.id, before.id)))
      .returning();
    if (!row) throw notFound('Lead');
    await recordEvent(ctx, { itemType: 'lead', itemId: row.id, action: 'change', changes });
    return row;
  });
}

/**
 * Soft delete: the lead stays restorable for 30 days (behaviour spec §1.10). One lead goes the way
 * many do (softDeleteLeads), so both write the same event.
 */
export async function deleteLead(ctx: Ctx, id: string): Promise<string> {
  return inTx(ctx, async (ctx) => {
    const before = await getLead(ctx, id);
    await softDeleteLeads(ctx, [before.id]);
    return before.id;
  });
}

/**
 * Ids of the users who can see the lead: every active user when it is visible beyond its owner,
 * otherwise its owner and the admins.
 */
export async function permittedUsers(ctx: Ctx, id: string): Promise<number[]> {
  const lead = await getLead(ctx, id);
  const users = await listUsers(ctx);
  return users
    .filter((u) =>
      lead.visibleTo !== 1 ? u.activeFlag : u.id === lead.ownerId || (u.isAdmin && u.activeFlag),
    )
    .map((u) => u.id);
}
