import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { normalizeEmail, normalizePhone } from './normalize.ts';
import type { ChannelInput } from './schema.ts';
import { type ContactChannel, personChannels } from './tables.ts';

/**
 * E-mails, phones and IMs as stored: values trimmed, label "work" unless given, and exactly one
 * primary entry in a non-empty list (the first one when none is marked; the schema refuses several).
 */
export function toChannels(list: ChannelInput[]): ContactChannel[] {
  const primaryAt = Math.max(
    0,
    list.findIndex((c) => c.primary === true),
  );
  return list.map((c, i) => ({ value: c.value.trim(), primary: i === primaryAt, label: c.label ?? 'work' }));
}

/**
 * Rewrites a person's rows in person_channels from its e-mails and phones: the normalised forms
 * that search and duplicate matching look up. Phones that hold no digit get no row. A person made in
 * this transaction (`o.created`) has no rows yet: nothing to delete.
 */
export async function syncPersonChannels(
  ctx: Ctx,
  personId: number,
  emails: ContactChannel[],
  phones: ContactChannel[],
  o: { created?: boolean } = {},
): Promise<void> {
  if (!o.created) {
    await ctx.db
      .delete(personChannels)
      .where(and(eq(personChannels.companyId, ctx.companyId), eq(personChannels.personId, personId)));
  }
  const rows = [
    ...emails.map((c) => ({ kind: 'email' as const, value: c.value, normalized: normalizeEmail(c.value) })),
    ...phones.map((c) => ({ kind: 'phone' as const, value: c.value, normalized: normalizePhone(c.value) })),
  ].filter((r) => r.normalized !== '' && r.normalized !== '+');
  if (rows.length === 0) return;
  await ctx.db.insert(personChannels).values(rows.map((r) => ({ ...r, companyId: ctx.companyId, personId })));
}
