import { eq } from 'drizzle-orm';
import type { CountryCode } from 'libphonenumber-js';
import { assertOrganizationExists } from '../contacts/refs.ts';
import { getOrganization, getPerson } from '../contacts/service.ts';
import type { Address } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { referenced } from '../errors.ts';
import { users } from '../users/tables.ts';
import { type OrganizationWithInfo, organizationsWithInfo } from './dialog.ts';
import { dismissedWith } from './dismissals.ts';
import { findOrganizationCandidates } from './organizations.ts';
import { findPersonCandidates, needsRegion, type PersonCandidate, type PersonProbe } from './persons.ts';
import { regionOfLocale } from './phone-keys.ts';
import type { Band, Reason, ReasonDetail } from './score.ts';

export const DUPLICATES_LIMIT = 20;

export type DuplicateQuery =
  | {
      itemType: 'person';
      id?: number | undefined;
      name?: string | undefined;
      emails?: string[] | undefined;
      phones?: string[] | undefined;
      orgId?: number | undefined;
      /** YYYY-MM-DD */
      birthday?: string | undefined;
      address?: string | Address | undefined;
      /** how national phone numbers are read; the caller's locale region when not given */
      region?: CountryCode | undefined;
    }
  | {
      itemType: 'organization';
      id?: number | undefined;
      name?: string | undefined;
      address?: string | Address | undefined;
    };

export type Duplicate<T> = T & { score: number; reasons: Reason[]; band: Band; details: ReasonDetail[] };

export type DuplicateResult =
  | { itemType: 'person'; candidates: PersonCandidate[] }
  | { itemType: 'organization'; candidates: Duplicate<OrganizationWithInfo>[] };

/**
 * The region national phone numbers are read in: there is no per-company country yet, so it comes
 * from the caller's locale (`sv_SE` → SE); `en_US`, the default locale, reads them as US numbers.
 */
export async function callerRegion(ctx: Ctx): Promise<CountryCode | undefined> {
  const [u] = await ctx.db.select({ locale: users.locale }).from(users).where(eq(users.id, ctx.user.id));
  return regionOfLocale(u?.locale);
}

function attach<T>(
  candidates: { id: number; score: number; reasons: Reason[]; band: Band; details: ReasonDetail[] }[],
  rows: Map<number, T>,
) {
  return candidates.flatMap((c) => {
    const row = rows.get(c.id);
    return row ? [{ ...row, score: c.score, reasons: c.reasons, band: c.band, details: c.details }] : [];
  });
}

/** An existing record's candidates without those said not to be its duplicates (dismissals.ts). */
async function withoutDismissed<C extends { id: number } | { row: { id: number } }>(
  ctx: Ctx,
  kind: 'person' | 'organization',
  id: number | undefined,
  candidates: C[],
): Promise<C[]> {
  if (id === undefined || candidates.length === 0) return candidates;
  const dismissed = await dismissedWith(ctx, kind, id);
  return candidates.filter((c) => !dismissed.has('row' in c ? c.row.id : c.id));
}

/**
 * Duplicate candidates of a person or an organization, best first, each with its score and the
 * reasons it matched (score.ts): for an existing record (`id`: its name, every e-mail and phone, its
 * organization or address; never itself, nor those said not to be its duplicates), or for the fields
 * of one about to be created.
 */
export async function findDuplicates(ctx: Ctx, q: DuplicateQuery): Promise<DuplicateResult> {
  if (q.itemType === 'person') {
    let probe: PersonProbe;
    if (q.id !== undefined) {
      const id = q.id;
      const p = await referenced('id', () => getPerson(ctx, id));
      probe = {
        name: p.name,
        emails: p.emails.map((e) => e.value),
        phones: p.phones.map((e) => e.value),
        orgId: p.orgId,
        birthday: p.birthday,
        address: p.postalAddress,
        excludeId: p.id,
      };
    } else {
      probe = {
        name: q.name,
        emails: q.emails ?? [],
        phones: q.phones ?? [],
        orgId: q.orgId,
        birthday: q.birthday,
        address: q.address,
      };
    }
    const region = q.region ?? (needsRegion(probe.phones) ? await callerRegion(ctx) : undefined);
    // a given org_id must be one the caller can see; checked beside the look-up, not before it
    const [candidates] = await Promise.all([
      findPersonCandidates(ctx, probe, { region, limit: DUPLICATES_LIMIT }),
      q.id === undefined && q.orgId !== undefined
        ? assertOrganizationExists(ctx, q.orgId, 'org_id')
        : undefined,
    ]);
    return { itemType: 'person', candidates: await withoutDismissed(ctx, 'person', q.id, candidates) };
  }
  let probe: { name?: string | undefined; address?: string | Address | null | undefined; excludeId?: number };
  if (q.id !== undefined) {
    const id = q.id;
    const o = await referenced('id', () => getOrganization(ctx, id));
    probe = { name: o.name, address: o.address, excludeId: o.id };
  } else {
    probe = { name: q.name, address: q.address };
  }
  const found = await withoutDismissed(
    ctx,
    'organization',
    q.id,
    await findOrganizationCandidates(ctx, probe, { limit: DUPLICATES_LIMIT }),
  );
  const rows = await organizationsWithInfo(
    ctx,
    found.map((c) => c.id),
  );
  return { itemType: 'organization', candidates: attach(found, rows) };
}
