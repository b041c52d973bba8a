import { type AnyColumn, and, asc, eq, sql } from 'drizzle-orm';
import { activities } from '../activities/tables.ts';
import { type AuditInput, diffFields, recordEvent, recordEvents } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { organizationReferences, personReferences, type Reference } from '../references.ts';
import { liveRows, visibleRows } from '../scope.ts';
import { syncPersonChannels } from './channels.ts';
import { foldedName, nameBlocks, nameKey } from './name-key.ts';
import { normalizeEmail, normalizePhone } from './normalize.ts';
import {
  type OrganizationRow,
  type PersonRow,
  type PresentedOrganization,
  type PresentedPerson,
  presentOrganization,
  presentPerson,
} from './present.ts';
import { type ContactChannel, organizations, persons } from './tables.ts';

/**
 * Merging two persons or two organizations (spec §2.6): the `merge_with_id` record survives and its
 * non-blank values win; its blank single-value fields are filled from the merged record; e-mails,
 * phones, IMs and labels are unioned; every row that points at the merged record (references.ts) is
 * re-pointed to the survivor in set-based UPDATEs; the merged record is soft-deleted. One transaction
 * (the caller's, when it has one).
 */
export interface Merged<T> {
  survivor: T;
  mergedId: number;
}

const blank = (v: unknown) =>
  v === null ||
  v === undefined ||
  (typeof v === 'string' && v.trim() === '') ||
  (Array.isArray(v) && v.length === 0);

/** The survivor's value unless it is blank. */
const pick = <T>(survivor: T, merged: T): T => (blank(survivor) ? merged : survivor);

/** Custom fields: the survivor's non-blank values win; keys it lacks (or has blank) come from the other. */
function pickCustomFields(survivor: Record<string, unknown>, merged: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...merged };
  for (const [k, v] of Object.entries(survivor)) if (!blank(v) || !(k in out)) out[k] = v;
  return out;
}

/**
 * The survivor's entries, then the other's entries whose normalised value is new. The survivor's
 * primary stays primary; when the survivor had none, the other's primary is kept.
 */
export function unionChannels(
  survivor: ContactChannel[],
  merged: ContactChannel[],
  normalize: (v: string) => string,
): ContactChannel[] {
  const keyOf = (c: ContactChannel) => normalize(c.value) || c.value;
  const seen = new Set<string>();
  const out: ContactChannel[] = [];
  for (const c of survivor) {
    if (seen.has(keyOf(c))) continue;
    seen.add(keyOf(c));
    out.push({ ...c });
  }
  const hadPrimary = out.some((c) => c.primary);
  for (const c of merged) {
    if (seen.has(keyOf(c))) continue;
    seen.add(keyOf(c));
    out.push({ ...c, primary: hadPrimary ? false : c.primary });
  }
  let primarySeen = false;
  for (const c of out) {
    c.primary = c.primary && !primarySeen;
    primarySeen ||= c.primary;
  }
  if (out.length > 0 && !primarySeen) out[0]!.primary = true;
  return out;
}

const unionIds = (a: number[], b: number[]) => [...new Set([...a, ...b])];

const AUDIT_CHUNK = 1000;

/**
 * Re-points every listed column from one record to another, one UPDATE per column, and writes a
 * bulk 'change' audit event for each row moved (the field is the column).
 */
async function repoint(ctx: TxCtx, refs: Reference[], from: number, to: number): Promise<number> {
  let moved = 0;
  for (const ref of refs) {
    if (ref.belongs) await dropRepeats(ctx, ref, ref.belongs.unique, from, to);
    const touch = ref.updateTime ? sql`, ${sql.identifier(ref.updateTime.name)} = now()` : sql``;
    const result = await ctx.db.execute(sql`
      UPDATE ${ref.table} SET ${sql.identifier(ref.column.name)} = ${to}${touch}
      WHERE ${ref.companyId} = ${ctx.companyId} AND ${ref.column} = ${from}
      RETURNING id`);
    const ids = (result as unknown as { rows: { id: unknown }[] }).rows.map((r) => String(r.id));
    moved += ids.length;
    // Every referencing kind audits 'change'; TypeScript checks an object against a discriminated
    // union of more than 25 kinds only member by member, so the literal is asserted.
    const events = ids.map(
      (id) =>
        ({
          itemType: ref.itemType,
          itemId: id,
          action: 'change',
          isBulk: true,
          changes: [{ field_key: ref.column.name, old_value: from, new_value: to }],
        }) as AuditInput,
    );
    for (let i = 0; i < events.length; i += AUDIT_CHUNK) {
      await recordEvents(ctx, events.slice(i, i + AUDIT_CHUNK));
    }
  }
  return moved;
}

/** Rows of `from` that would repeat one of `to`'s once re-pointed (a user following both): deleted. */
async function dropRepeats(ctx: TxCtx, ref: Reference, unique: AnyColumn[], from: number, to: number) {
  const same = sql.join(
    unique.map((c) => sql`k.${sql.identifier(c.name)} = ${ref.table}.${sql.identifier(c.name)}`),
    sql` AND `,
  );
  await ctx.db.execute(sql`
    DELETE FROM ${ref.table} WHERE ${ref.companyId} = ${ctx.companyId} AND ${ref.column} = ${from}
      AND EXISTS (SELECT 1 FROM ${ref.table} k WHERE k.company_id = ${ctx.companyId}
        AND k.${sql.identifier(ref.column.name)} = ${to} AND ${same})`);
}

/**
 * Persons inside activities' jsonb lists: participants (one entry per person; primary when either
 * was) and attendees.
 */
async function repointActivityPeople(ctx: TxCtx, from: number, to: number): Promise<void> {
  const has = (column: AnyColumn) =>
    sql`${column} @> jsonb_build_array(jsonb_build_object('person_id', ${from}::bigint))`;
  await ctx.db.execute(sql`
    UPDATE ${activities} SET
      participants = CASE WHEN ${has(activities.participants)} THEN (
        SELECT coalesce(jsonb_agg(jsonb_build_object('person_id', s.pid, 'primary', s.prim) ORDER BY s.first), '[]'::jsonb)
        FROM (
          SELECT CASE WHEN (e->>'person_id')::bigint = ${from}::bigint THEN ${to}::bigint
                      ELSE (e->>'person_id')::bigint END AS pid,
                 bool_or(coalesce((e->>'primary')::boolean, false)) AS prim, min(ord) AS first
          FROM jsonb_array_elements(${activities.participants}) WITH ORDINALITY AS t(e, ord)
          GROUP BY 1
        ) s) ELSE participants END,
      attendees = CASE WHEN ${has(activities.attendees)} THEN (
        SELECT jsonb_agg(CASE WHEN (e->>'person_id')::bigint = ${from}::bigint
                              THEN jsonb_set(e, '{person_id}', to_jsonb(${to}::bigint)) ELSE e END ORDER BY ord)
        FROM jsonb_array_elements(${activities.attendees}) WITH ORDINALITY AS t(e, ord)) ELSE attendees END,
      update_time = now()
    WHERE ${activities.companyId} = ${ctx.companyId}
      AND (${has(activities.participants)} OR ${has(activities.attendees)})`);
}

/** Both records, locked in id order; a missing one is a 404 naming its field. */
async function lockPair<T extends typeof persons | typeof organizations>(
  ctx: TxCtx,
  table: T,
  what: string,
  id: number,
  mergeWithId: number,
) {
  if (id === mergeWithId) throw invalid('merge_with_id', `cannot merge a ${what.toLowerCase()} with itself`);
  const rows = await ctx.db
    .select()
    .from(table as typeof persons)
    .where(
      and(
        eq(table.companyId, ctx.companyId),
        sql`${table.id} IN (${id}, ${mergeWithId})`,
        liveRows(table),
        visibleRows(ctx, table),
      ),
    )
    .orderBy(asc(table.id))
    .for('update');
  const merged = rows.find((r) => r.id === id);
  const survivor = rows.find((r) => r.id === mergeWithId);
  if (!merged) throw new AppError('not_found', `${what} not found`, 'id');
  if (!survivor) throw new AppError('not_found', `${what} not found`, 'merge_with_id');
  return { merged, survivor } as unknown as { merged: T['$inferSelect']; survivor: T['$inferSelect'] };
}

async function softDelete(ctx: TxCtx, table: typeof persons | typeof organizations, id: number) {
  const now = new Date();
  await ctx.db
    .update(table)
    .set({ isDeleted: true, deleteTime: now, updateTime: now })
    .where(and(eq(table.companyId, ctx.companyId), eq(table.id, id)));
}

const PERSON_FIELDS = [
  'name',
  'first_name',
  'last_name',
  'owner_id',
  'org_id',
  'visible_to',
  'label_ids',
  'picture_id',
  'custom_fields',
  'emails',
  'phones',
  'postal_address',
  'notes',
  'im',
  'birthday',
  'job_title',
] as const satisfies readonly (keyof PresentedPerson)[];

/** Merges person `id` into person `mergeWithId`, which survives. */
export function mergePersons(ctx: Ctx, id: number, mergeWithId: number): Promise<Merged<PersonRow>> {
  return inTx(ctx, (ctx) => mergePersonsInTx(ctx, id, mergeWithId));
}

async function mergePersonsInTx(ctx: TxCtx, id: number, mergeWithId: number): Promise<Merged<PersonRow>> {
  const { merged: m, survivor: s } = await lockPair(ctx, persons, 'Person', id, mergeWithId);
  const emails = unionChannels(s.emails, m.emails, normalizeEmail);
  const phones = unionChannels(s.phones, m.phones, (v) => normalizePhone(v));
  const [after] = await ctx.db
    .update(persons)
    .set({
      nameKey: nameKey(s.name),
      nameFolded: foldedName(s.name),
      nameBlocks: nameBlocks(s.name),
      firstName: pick(s.firstName, m.firstName),
      lastName: pick(s.lastName, m.lastName),
      orgId: pick(s.orgId, m.orgId),
      labelIds: unionIds(s.labelIds, m.labelIds),
      pictureId: pick(s.pictureId, m.pictureId),
      emails,
      phones,
      postalAddress: pick(s.postalAddress, m.postalAddress),
      notes: pick(s.notes, m.notes),
      im: unionChannels(s.im, m.im, (v) => v.trim().toLowerCase()),
      birthday: pick(s.birthday, m.birthday),
      jobTitle: pick(s.jobTitle, m.jobTitle),
      marketingStatus: pick(s.marketingStatus, m.marketingStatus),
      customFields: pickCustomFields(s.customFields, m.customFields),
      updateTime: new Date(),
    })
    .where(and(eq(persons.companyId, ctx.companyId), eq(persons.id, s.id)))
    .returning();
  if (!after) throw new AppError('internal', 'person not merged');
  await syncPersonChannels(ctx, s.id, emails, phones);
  await repoint(ctx, personReferences, m.id, s.id);
  await repointActivityPeople(ctx, m.id, s.id);
  await softDelete(ctx, persons, m.id);
  await recordMerge(
    ctx,
    'person',
    m.id,
    s.id,
    diffFields(presentPerson(s), presentPerson(after), PERSON_FIELDS),
  );
  return { survivor: after, mergedId: m.id };
}

const ORGANIZATION_FIELDS = [
  'name',
  'owner_id',
  'visible_to',
  'address',
  'label_ids',
  'website',
  'linkedin',
  'industry',
  'annual_revenue',
  'employee_count',
  'custom_fields',
] as const satisfies readonly (keyof PresentedOrganization)[];

/** Merges organization `id` into organization `mergeWithId`, which survives. */
export function mergeOrganizations(
  ctx: Ctx,
  id: number,
  mergeWithId: number,
): Promise<Merged<OrganizationRow>> {
  return inTx(ctx, (ctx) => mergeOrganizationsInTx(ctx, id, mergeWithId));
}

async function mergeOrganizationsInTx(
  ctx: TxCtx,
  id: number,
  mergeWithId: number,
): Promise<Merged<OrganizationRow>> {
  const { merged: m, survivor: s } = await lockPair(ctx, organizations, 'Organization', id, mergeWithId);
  const [after] = await ctx.db
    .update(organizations)
    .set({
      nameKey: nameKey(s.name),
      labelIds: unionIds(s.labelIds, m.labelIds),
      address: pick(s.address, m.address),
      website: pick(s.website, m.website),
      linkedin: pick(s.linkedin, m.linkedin),
      industry: pick(s.industry, m.industry),
      annualRevenue: pick(s.annualRevenue, m.annualRevenue),
      employeeCount: pick(s.employeeCount, m.employeeCount),
      customFields: pickCustomFields(s.customFields, m.customFields),
      updateTime: new Date(),
    })
    .where(and(eq(organizations.companyId, ctx.companyId), eq(organizations.id, s.id)))
    .returning();
  if (!after) throw new AppError('internal', 'organization not merged');
  await repoint(ctx, organizationReferences, m.id, s.id);
  await softDelete(ctx, organizations, m.id);
  const changes = diffFields(presentOrganization(s), presentOrganization(after), ORGANIZATION_FIELDS);
  await recordMerge(ctx, 'organization', m.id, s.id, changes);
  return { survivor: after, mergedId: m.id };
}

/** 'merge' events on both: the survivor's field changes, and the merged record's deletion. */
async function recordMerge(
  ctx: TxCtx,
  itemType: 'person' | 'organization',
  mergedId: number,
  survivorId: number,
  changes: ReturnType<typeof diffFields>,
): Promise<void> {
  await recordEvent(ctx, {
    itemType,
    itemId: survivorId,
    action: 'merge',
    changes: [...changes, { field_key: 'merge_what_id', old_value: null, new_value: mergedId }],
  });
  await recordEvent(ctx, {
    itemType,
    itemId: mergedId,
    action: 'merge',
    changes: [
      { field_key: 'is_deleted', old_value: false, new_value: true },
      { field_key: 'merge_with_id', old_value: null, new_value: survivorId },
    ],
  });
}
