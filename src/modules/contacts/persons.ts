import { and, eq, sql } from 'drizzle-orm';
import { keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { diffFields, recordEvent } from '../audit/service.ts';
import { type Ctx, inTx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError, notFound } from '../errors.ts';
import { customFieldChanges, nameCustomChanges } from '../fields/value-changes.ts';
import { writeCustomValues } from '../fields/values.ts';
import { scoped } from '../scope.ts';
import { assertUsersExist } from '../users/service.ts';
import { DEFAULT_VISIBLE_TO } from '../users/visibility.ts';
import { toAddress } from './address.ts';
import { syncPersonChannels, toChannels } from './channels.ts';
import { commonFilters, type ListCommon, sortKeys, sortKeyset } from './listing.ts';
import { foldedName, nameBlocks, nameKey } from './name-key.ts';
import { type PersonRow, type PresentedPerson, presentPerson } from './present.ts';
import { assertOrganizationExists } from './refs.ts';
import type { AddPersonInput, UpdatePersonInput } from './schema.ts';
import { persons } from './tables.ts';

export type { PersonRow };

/** The fields of a person compared for the changelog. */
const AUDITED = [
  'name',
  'first_name',
  'last_name',
  'owner_id',
  'org_id',
  'is_deleted',
  'visible_to',
  'label_ids',
  'picture_id',
  'emails',
  'phones',
  'postal_address',
  'notes',
  'im',
  'birthday',
  'job_title',
  'marketing_status',
] as const satisfies readonly (keyof PresentedPerson)[];

const forAudit = (p: PersonRow) => presentPerson(p, { includeFields: ['marketing_status'] });

export interface ListPersonsFilters extends ListCommon {
  org_id?: number | undefined;
  deal_id?: number | undefined;
}

/** Not-deleted persons of the company the caller may see, one page (spec §7 getPersons). */
export async function listPersons(ctx: Ctx, q: ListPersonsFilters) {
  const k = sortKeyset(persons, q);
  const limit = q.limit ?? 100;
  const rows = await ctx.db
    .select()
    .from(persons)
    .where(
      and(
        scoped(ctx, persons),
        commonFilters(persons, q),
        q.org_id !== undefined ? eq(persons.orgId, q.org_id) : undefined,
        q.deal_id !== undefined
          ? sql`${persons.id} IN (SELECT ${deals.personId} FROM ${deals} WHERE ${scoped(ctx, deals, { visibility: 'any' })} AND ${deals.id} = ${q.deal_id})`
          : undefined,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, sortKeys(q));
}

/** A person the caller may see; deleted, foreign and invisible ones are not found. */
export async function getPerson(ctx: Ctx, id: number): Promise<PersonRow> {
  const [row] = await ctx.db
    .select()
    .from(persons)
    .where(and(scoped(ctx, persons), eq(persons.id, id)));
  if (!row) throw notFound('Person');
  return row;
}

/** first_name and last_name from a full name: split on the last space. */
export function splitName(name: string): { first: string; last: string | null } {
  const trimmed = name.trim();
  const at = trimmed.lastIndexOf(' ');
  if (at < 0) return { first: trimmed, last: null };
  return { first: trimmed.slice(0, at).trim(), last: trimmed.slice(at + 1) };
}

async function checkReferences(ctx: Ctx, input: UpdatePersonInput, before?: PersonRow): Promise<void> {
  if (input.owner_id !== undefined && input.owner_id !== before?.ownerId) {
    await assertUsersExist(ctx, [input.owner_id], 'owner_id');
  }
  if (input.org_id != null && input.org_id !== before?.orgId) {
    await assertOrganizationExists(ctx, input.org_id, 'org_id');
  }
}

export async function addPerson(ctx: Ctx, input: AddPersonInput): Promise<PersonRow> {
  return inTx(ctx, async (ctx) => {
    const ownerId = input.owner_id ?? ctx.user.id;
    if (input.owner_id === undefined) await assertUsersExist(ctx, [ownerId], 'owner_id');
    await checkReferences(ctx, input);
    const derived = splitName(input.name);
    const emails = toChannels(input.emails ?? []);
    const phones = toChannels(input.phones ?? []);
    const [row] = await ctx.db
      .insert(persons)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        nameKey: nameKey(input.name),
        nameFolded: foldedName(input.name),
        nameBlocks: nameBlocks(input.name),
        firstName: input.first_name !== undefined ? input.first_name : derived.first,
        lastName: input.last_name !== undefined ? input.last_name : derived.last,
        ownerId,
        orgId: input.org_id ?? null,
        visibleTo: input.visible_to ?? DEFAULT_VISIBLE_TO,
        labelIds: input.label_ids ?? [],
        emails,
        phones,
        postalAddress: toAddress(input.postal_address ?? null),
        notes: input.notes ?? null,
        im: toChannels(input.im ?? []),
        birthday: input.birthday ?? null,
        jobTitle: input.job_title ?? null,
        marketingStatus: input.marketing_status ?? null,
        customFields: (await writeCustomValues(ctx, 'person', {}, input.custom_fields, 'v2')) ?? {},
        ...(input.add_time ? { addTime: input.add_time } : {}),
      })
      .returning();
    if (!row) throw new AppError('internal', 'person not created');
    await syncPersonChannels(ctx, row.id, emails, phones, { created: true });
    await recordEvent(ctx, {
      itemType: 'person',
      itemId: row.id,
      action: 'create',
      changes: await nameCustomChanges(ctx, 'person', [
        ...diffFields({} as PresentedPerson, forAudit(row), AUDITED),
        ...customFieldChanges({}, row.customFields),
      ]),
    });
    return row;
  });
}

export async function updatePerson(ctx: Ctx, id: number, input: UpdatePersonInput): Promise<PersonRow> {
  return inTx(ctx, async (ctx) => {
    const before = await getPerson(ctx, id);
    await checkReferences(ctx, input, before);
    const derived = input.name !== undefined ? splitName(input.name) : undefined;
    const emails = input.emails ? toChannels(input.emails) : before.emails;
    const phones = input.phones ? toChannels(input.phones) : before.phones;
    const keep = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
    const [row] = await ctx.db
      .update(persons)
      .set({
        name: input.name ?? before.name,
        nameKey: nameKey(input.name ?? before.name),
        nameFolded: foldedName(input.name ?? before.name),
        nameBlocks: nameBlocks(input.name ?? before.name),
        firstName: keep(input.first_name, derived ? derived.first : before.firstName),
        lastName: keep(input.last_name, derived ? derived.last : before.lastName),
        ownerId: input.owner_id ?? before.ownerId,
        orgId: keep(input.org_id, before.orgId),
        visibleTo: input.visible_to ?? before.visibleTo,
        labelIds: input.label_ids ?? before.labelIds,
        emails,
        phones,
        postalAddress:
          input.postal_address === undefined ? before.postalAddress : toAddress(input.postal_address),
        notes: keep(input.notes, before.notes),
        im: input.im ? toChannels(input.im) : before.im,
        birthday: keep(input.birthday, before.birthday),
        jobTitle: keep(input.job_title, before.jobTitle),
        marketingStatus: keep(input.marketing_status, before.marketingStatus),
        customFields:
          (await writeCustomValues(ctx, 'person', before.customFields, input.custom_fields, 'v2')) ??
          before.customFields,
        updateTime: new Date(),
      })
      .where(and(eq(persons.companyId, ctx.companyId), eq(persons.id, id)))
      .returning();
    if (!row) throw notFound('Person');
    if (input.emails || input.phones) await syncPersonChannels(ctx, id, emails, phones);
    const changes = await nameCustomChanges(ctx, 'person', [
      ...diffFields(forAudit(before), forAudit(row), AUDITED),
      ...customFieldChanges(before.customFields, row.customFields),
    ]);
    if (changes.length > 0)
      await recordEvent(ctx, { itemType: 'person', itemId: id, action: 'change', changes });
    return row;
  });
}

/** Soft delete: restorable for 30 days. Deals and activities keep their person_id. */
export async function deletePerson(ctx: Ctx, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    const before = await getPerson(ctx, id);
    const now = new Date();
    const [row] = await ctx.db
      .update(persons)
      .set({ isDeleted: true, deleteTime: now, updateTime: now })
      .where(and(eq(persons.companyId, ctx.companyId), eq(persons.id, id)))
      .returning();
    if (!row) throw notFound('Person');
    await recordEvent(ctx, {
      itemType: 'person',
      itemId: id,
      action: 'delete',
      changes: diffFields(forAudit(before), forAudit(row), AUDITED),
    });
  });
}
