import { and, eq } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { diffFields, recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { customFieldChanges, nameCustomChanges } from '../fields/value-changes.ts';
import { writeCustomValues } from '../fields/values.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { DEFAULT_VISIBLE_TO } from '../users/visibility.ts';
import { toAddress } from './address.ts';
import { commonFilters, type ListCommon, sortKeys, sortKeyset } from './listing.ts';
import { nameKey } from './name-key.ts';
import { type OrganizationRow, type PresentedOrganization, presentOrganization } from './present.ts';
import type { AddOrganizationInput, UpdateOrganizationInput } from './schema.ts';
import { organizations } from './tables.ts';

export type { OrganizationRow };

/** The fields of an organization compared for the changelog. */
const AUDITED = [
  'name',
  'owner_id',
  'is_deleted',
  'visible_to',
  'address',
  'label_ids',
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
] as const satisfies readonly (keyof PresentedOrganization)[];

/** Not-deleted organizations of the company the caller may see, one page (spec §8). */
export async function listOrganizations(ctx: Ctx, q: ListCommon) {
  const k = sortKeyset(organizations, q);
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(organizations)
    .where(and(scoped(ctx, organizations), commonFilters(organizations, q), keysetAfter(k, q.cursor)))
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, sortKeys(q));
}

/** An organization the caller may see; deleted, foreign and invisible ones are not found. */
export async function getOrganization(ctx: Ctx, id: number): Promise<OrganizationRow> {
  const [row] = await ctx.db
    .select()
    .from(organizations)
    .where(and(scoped(ctx, organizations), eq(organizations.id, id)));
  if (!row) throw notFound('Organization');
  return row;
}

const money = (v: number | null | undefined) => (v === null || v === undefined ? null : String(v));

export async function addOrganization(ctx: Ctx, input: AddOrganizationInput): Promise<OrganizationRow> {
  return inTx(ctx, async (ctx) => {
    const ownerId = input.owner_id ?? ctx.user.id;
    await assertUsersExist(ctx, [ownerId], 'owner_id');
    const [row] = await ctx.db
      .insert(organizations)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        nameKey: nameKey(input.name),
        ownerId,
        visibleTo: input.visible_to ?? DEFAULT_VISIBLE_TO,
        labelIds: input.label_ids ?? [],
        address: toAddress(input.address ?? null),
        website: input.website ?? null,
        linkedin: input.linkedin ?? null,
        industry: input.industry ?? null,
        annualRevenue: money(input.annual_revenue),
        employeeCount: input.employee_count ?? null,
        customFields: (await writeCustomValues(ctx, 'organization', {}, input.custom_fields, 'v2')) ?? {},
        ...(input.add_time ? { addTime: input.add_time } : {}),
      })
      .returning();
    if (!row) throw new AppError('internal', 'organization not created');
    await recordEvent(ctx, {
      itemType: 'organization',
      itemId: row.id,
      action: 'create',
      changes: await nameCustomChanges(ctx, 'organization', [
        ...diffFields({} as PresentedOrganization, presentOrganization(row), AUDITED),
        ...customFieldChanges({}, row.customFields),
      ]),
    });
    return row;
  });
}

export async function updateOrganization(
  ctx: Ctx,
  id: number,
  input: UpdateOrganizationInput,
): Promise<OrganizationRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getOrganization(ctx, id);
    if (input.owner_id !== undefined && input.owner_id !== before.ownerId) {
      await assertUsersExist(ctx, [input.owner_id], 'owner_id');
    }
    const keep = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
    const [row] = await ctx.db
      .update(organizations)
      .set({
        name: input.name ?? before.name,
        nameKey: nameKey(input.name ?? before.name),
        ownerId: input.owner_id ?? before.ownerId,
        visibleTo: input.visible_to ?? before.visibleTo,
        labelIds: input.label_ids ?? before.labelIds,
        address: input.address === undefined ? before.address : toAddress(input.address),
        website: keep(input.website, before.website),
        linkedin: keep(input.linkedin, before.linkedin),
        industry: keep(input.industry, before.industry),
        annualRevenue:
          input.annual_revenue === undefined ? before.annualRevenue : money(input.annual_revenue),
        employeeCount: keep(input.employee_count, before.employeeCount),
        customFields:
          (await writeCustomValues(ctx, 'organization', before.customFields, input.custom_fields, 'v2')) ??
          before.customFields,
        updateTime: new Date(),
      })
      .where(and(eq(organizations.companyId, ctx.companyId), eq(organizations.id, id)))
      .returning();
    if (!row) throw notFound('Organization');
    const changes = await nameCustomChanges(ctx, 'organization', [
      ...diffFields(presentOrganization(before), presentOrganization(row), AUDITED),
      ...customFieldChanges(before.customFields, row.customFields),
    ]);
    if (changes.length > 0) {
      await recordEvent(ctx, { itemType: 'organization', itemId: id, action: 'change', changes });
    }
    return row;
  });
}

/**
 * Soft delete: restorable for 30 days. Persons and deals keep their org_id (Pipedrive unlinks
 * lazily); the organization itself answers 404 from now on.
 */
export async function deleteOrganization(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const before = await getOrganization(ctx, id);
    const now = new Date();
    const [row] = await ctx.db
      .update(organizations)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(eq(organizations.companyId, ctx.companyId), eq(organizations.id, id)))
      .returning();
    if (!row) throw notFound('Organization');
    await recordEvent(ctx, {
      itemType: 'organization',
      itemId: id,
      action: 'delete',
      changes: diffFields(presentOrganization(before), presentOrganization(row), AUDITED),
    });
  });
}
