import { and, eq, sql } from 'drizzle-orm';
import { placeholderCtx, prepared, statementValues } from '../../db/prepared.ts';
import { diffFields, recordEvent } from '../audit/service.ts';
import type { FieldChange } from '../audit/tables.ts';
import { assertOrganizationExists, assertPersonExists } from '../contacts/refs.ts';
import { type Ctx, inTx, type StatementCtx, type TxCtx } from '../context.ts';
import { assertValueFollowsLines } from '../deal-products/derive.ts';
import { AppError, notFound } from '../errors.ts';
import { FORMULA_INPUT_COLUMNS, recomputeFormulas } from '../fields/recalc.ts';
import { assertRequiredValues } from '../fields/required.ts';
import { customFieldChanges, nameCustomChanges } from '../fields/value-changes.ts';
import { writeCustomValues } from '../fields/values.ts';
import { scoped } from '../scope.ts';
import { getCompany } from '../users/company.ts';
import { assertUsersExist } from '../users/service.ts';
import { DEFAULT_VISIBLE_TO } from '../users/visibility.ts';
import { endOfStage, moveDeal, type PlacementInput, placeNewDeal } from './placement.ts';
import { type DealRow, presentDeal } from './present.ts';
import { type ArchiveInput, assertChangeable, nextArchive, nextStatus, type StatusInput } from './status.ts';
import { deals } from './tables.ts';
import { DEAL_TRACKED_KEYS } from './tracked.ts';

export type { DealRow } from './present.ts';
export { presentDeal } from './present.ts';

/** Where a deal comes from: "API" over the API; conversion, imports, forms… pass their own. */
export type DealOrigin = string;

export interface DealInput extends PlacementInput, StatusInput, ArchiveInput {
  title?: string | undefined;
  owner_id?: number | undefined;
  person_id?: number | null | undefined;
  org_id?: number | null | undefined;
  value?: number | undefined;
  currency?: string | undefined;
  is_deleted?: boolean | undefined;
  probability?: number | null | undefined;
  visible_to?: number | undefined;
  expected_close_date?: string | null | undefined;
  label_ids?: number[] | undefined;
  origin_id?: string | null | undefined;
  channel?: number | null | undefined;
  channel_id?: string | null | undefined;
  custom_fields?: Record<string, unknown> | undefined;
}

export interface AddDealInput extends DealInput {
  title: string;
  /** the lead a conversion made the deal from */
  source_lead_id?: string | null | undefined;
}

type Presented = ReturnType<typeof presentDeal>;

function changesOf(before: Presented | null, after: Presented): FieldChange[] {
  const empty = Object.fromEntries(DEAL_TRACKED_KEYS.map((k) => [k, null])) as unknown as Presented;
  const base = before ?? { ...empty, custom_fields: {} };
  // A new deal's changes are the fields it was created with.
  const changes = diffFields(base, after, DEAL_TRACKED_KEYS).filter(
    (c) => before || !(c.new_value === false || (Array.isArray(c.new_value) && c.new_value.length === 0)),
  );
  changes.push(...customFieldChanges(base.custom_fields, after.custom_fields));
  return changes;
}

/** The deal with id `id` (a placeholder), of the company, not deleted, visible to the caller. */
function dealById(ctx: StatementCtx) {
  return ctx.db
    .select()
    .from(deals)
    .where(and(scoped(ctx, deals), eq(deals.id, sql.placeholder('id'))));
}

/** A deal of the caller's company that the caller may see and that is not deleted. */
export async function getDeal(ctx: Ctx, id: number, opts: { forUpdate?: boolean } = {}): Promise<DealRow> {
  const { isAdmin } = ctx.user;
  const [row] = opts.forUpdate
    ? await dealById(ctx).for('update').execute({ id })
    : await prepared(ctx.db, isAdmin ? 'deal_by_id_admin' : 'deal_by_id', (db) =>
        dealById(placeholderCtx(db, isAdmin)),
      ).execute(statementValues(ctx, { id }));
  if (!row) throw notFound('Deal');
  return row;
}

async function assertContacts(ctx: Ctx, input: { person_id?: number | null; org_id?: number | null }) {
  if (input.person_id != null) await assertPersonExists(ctx, input.person_id, 'person_id');
  if (input.org_id != null) await assertOrganizationExists(ctx, input.org_id, 'org_id');
}

export async function addDeal(ctx: Ctx, input: AddDealInput, origin: DealOrigin = 'API'): Promise<DealRow> {
  return inTx(ctx, async (ctx) => {
    const now = new Date();
    const stage = await placeNewDeal(ctx, input);
    const ownerId = input.owner_id ?? ctx.user.id;
    await assertUsersExist(ctx, [ownerId], 'owner_id');
    await assertContacts(ctx, input);
    const currency = input.currency ?? (await getCompany(ctx)).defaultCurrency;
    const customFields = (await writeCustomValues(ctx, 'deal', {}, input.custom_fields, 'v2')) ?? {};
    const status = nextStatus(null, input, now);
    const archive = nextArchive(null, input, now);
    const [inserted] = await ctx.db
      .insert(deals)
      .values({
        companyId: ctx.companyId,
        title: input.title,
        ownerId,
        creatorUserId: ctx.actor.userId ?? ownerId,
        personId: input.person_id ?? null,
        orgId: input.org_id ?? null,
        pipelineId: stage.pipelineId,
        stageId: stage.id,
        value: String(input.value ?? 0),
        currency,
        ...status,
        probability: input.probability == null ? null : String(input.probability),
        visibleTo: input.visible_to ?? DEFAULT_VISIBLE_TO,
        stageChangeTime: now,
        expectedCloseDate: input.expected_close_date ?? null,
        labelIds: [...new Set(input.label_ids ?? [])],
        origin,
        originId: input.origin_id ?? null,
        channel: input.channel ?? null,
        channelId: input.channel_id ?? null,
        sourceLeadId: input.source_lead_id ?? null,
        ...archive,
        position: await endOfStage(ctx, stage.id),
        customFields,
        isDeleted: input.is_deleted ?? false,
        deleteTime: input.is_deleted ? now : null,
        addTime: now,
        updateTime: now,
      })
      .returning();
    if (!inserted) throw new AppError('internal', 'deal not created');
    const [row = inserted] = await recomputeFormulas(ctx, eq(deals.id, inserted.id));
    await recordEvent(ctx, {
      itemType: 'deal',
      itemId: row.id,
      action: 'create',
      changes: await nameCustomChanges(ctx, 'deal', changesOf(null, presentDeal(row))),
    });
    return row;
  });
}

/**
 * PATCH semantics: only the given fields change. Archived deals refuse everything but unarchiving;
 * `is_deleted: true` deletes the deal like DELETE does.
 */
export async function updateDeal(ctx: Ctx, id: number, input: DealInput): Promise<DealRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getDeal(ctx, id, { forUpdate: true });
    assertChangeable(before, input);
    await assertValueFollowsLines(ctx, before, input);
    const now = new Date();
    const set: Partial<typeof deals.$inferInsert> = { updateTime: now };

    const stage = await moveDeal(ctx, before, input);
    if (stage) {
      set.stageId = stage.id;
      set.pipelineId = stage.pipelineId;
      set.stageChangeTime = now;
      set.position = await endOfStage(ctx, stage.id);
    }
    if (input.owner_id !== undefined && input.owner_id !== before.ownerId) {
      await assertUsersExist(ctx, [input.owner_id], 'owner_id');
      set.ownerId = input.owner_id;
    }
    const person = input.person_id !== undefined && input.person_id !== before.personId;
    const org = input.org_id !== undefined && input.org_id !== before.orgId;
    await assertContacts(ctx, {
      person_id: person ? input.person_id : null,
      org_id: org ? input.org_id : null,
    });
    if (person) set.personId = input.person_id ?? null;
    if (org) set.orgId = input.org_id ?? null;

    if (input.title !== undefined) set.title = input.title;
    if (input.value !== undefined) set.value = String(input.value);
    if (input.currency !== undefined) set.currency = input.currency;
    if (input.probability !== undefined) {
      set.probability = input.probability === null ? null : String(input.probability);
    }
    if (input.visible_to !== undefined) set.visibleTo = input.visible_to;
    if (input.expected_close_date !== undefined) set.expectedCloseDate = input.expected_close_date;
    if (input.label_ids !== undefined) set.labelIds = [...new Set(input.label_ids)];
    if (input.origin_id !== undefined) set.originId = input.origin_id;
    if (input.channel !== undefined) set.channel = input.channel;
    if (input.channel_id !== undefined) set.channelId = input.channel_id;
    const customFields = await writeCustomValues(ctx, 'deal', before.customFields, input.custom_fields, 'v2');
    if (customFields) set.customFields = customFields;
    Object.assign(set, nextStatus(before, input, now), nextArchive(before, input, now));
    if (input.is_deleted === true) {
      set.isDeleted = true;
      set.deleteTime = now;
    }

    return writeDeal(ctx, before, set);
  });
}

/**
 * Writes a change of a deal and its event, the tracked fields that changed (DEAL_TRACKED): every
 * update of a deal (PATCH, delete, a move on the board) goes through here.
 */
export async function writeDeal(
  ctx: TxCtx,
  before: DealRow,
  set: Partial<typeof deals.$inferInsert>,
): Promise<DealRow> {
  if (set.stageId !== undefined && set.stageId !== before.stageId) {
    await assertRequiredValues(ctx, set.stageId, set.customFields ?? before.customFields);
  }
  const [updated] = await ctx.db
    .update(deals)
    .set(set)
    .where(and(eq(deals.companyId, ctx.companyId), eq(deals.id, before.id)))
    .returning();
  if (!updated) throw notFound('Deal');
  // formulas read these: recomputed in this transaction, by the expression a recalculation uses
  const inputs = set.customFields !== undefined || FORMULA_INPUT_COLUMNS.some((k) => set[k] !== undefined);
  const [row = updated] = inputs ? await recomputeFormulas(ctx, eq(deals.id, before.id)) : [];
  await recordEvent(ctx, {
    itemType: 'deal',
    itemId: before.id,
    action: row.isDeleted ? 'delete' : 'change',
    changes: await nameCustomChanges(ctx, 'deal', changesOf(presentDeal(before), presentDeal(row))),
  });
  return row;
}

/** Soft delete: listable with status=deleted for 30 days, then purged. */
export async function deleteDeal(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const before = await getDeal(ctx, id, { forUpdate: true });
    assertChangeable(before, {});
    const now = new Date();
    await writeDeal(ctx, before, { isDeleted: true, deleteTime: now, updateTime: now });
  });
}
