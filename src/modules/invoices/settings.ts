import { eq, sql } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { invoiceSettings, invoices, type Seller } from './tables.ts';

export type InvoiceSettingsRow = typeof invoiceSettings.$inferSelect;

/** What a company that never saved its invoice settings has. */
const defaults = (companyId: number): InvoiceSettingsRow => ({
  companyId,
  sellerName: '',
  address: '',
  vatNumber: '',
  orgNumber: '',
  bankDetails: '',
  email: '',
  prefix: 'INV-',
  nextNumber: 1,
  defaultDueDays: 30,
  language: 'en',
  updateTime: new Date(0),
});

export async function getInvoiceSettings(ctx: Ctx): Promise<InvoiceSettingsRow> {
  const [row] = await ctx.db
    .select()
    .from(invoiceSettings)
    .where(eq(invoiceSettings.companyId, ctx.companyId));
  return row ?? defaults(ctx.companyId);
}

export interface SettingsInput {
  seller_name?: string | undefined;
  address?: string | undefined;
  vat_number?: string | undefined;
  org_number?: string | undefined;
  bank_details?: string | undefined;
  email?: string | undefined;
  prefix?: string | undefined;
  default_due_days?: number | undefined;
  next_number?: number | undefined;
  language?: 'en' | 'sv' | undefined;
}

const COLUMNS = {
  seller_name: 'sellerName',
  address: 'address',
  vat_number: 'vatNumber',
  org_number: 'orgNumber',
  bank_details: 'bankDetails',
  email: 'email',
  prefix: 'prefix',
  default_due_days: 'defaultDueDays',
  next_number: 'nextNumber',
  language: 'language',
} as const satisfies Record<keyof SettingsInput, keyof InvoiceSettingsRow>;

/**
 * PUT /api/ext/invoice-settings (admins): the given fields change. The sequence's next number can be
 * set only before the company's first issued invoice (to continue a series kept elsewhere): after it,
 * a change would make a gap or a duplicate.
 */
export async function putInvoiceSettings(ctx: Ctx, input: SettingsInput): Promise<InvoiceSettingsRow> {
  if (!ctx.user.isAdmin) throw new AppError('forbidden', 'Only admins can change invoice settings');
  return inTx(ctx, async (ctx) => {
    const before = await lockedSettings(ctx);
    if (input.next_number !== undefined && input.next_number !== before.nextNumber) {
      const [issued] = await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(invoices)
        .where(sql`${invoices.companyId} = ${ctx.companyId} AND ${invoices.number} IS NOT NULL`);
      if ((issued?.n ?? 0) > 0) {
        throw invalid(
          'next_number',
          'cannot change once an invoice has been issued (no gaps, no duplicates)',
        );
      }
    }
    const set: Partial<typeof invoiceSettings.$inferInsert> = { updateTime: new Date() };
    const changes = [];
    for (const [key, column] of Object.entries(COLUMNS) as [
      keyof SettingsInput,
      keyof InvoiceSettingsRow,
    ][]) {
      const value = input[key];
      if (value === undefined || value === before[column]) continue;
      (set as Record<string, unknown>)[column] = value;
      changes.push({ field_key: key, old_value: before[column] as string | number, new_value: value });
    }
    const [row] = await ctx.db
      .update(invoiceSettings)
      .set(set)
      .where(eq(invoiceSettings.companyId, ctx.companyId))
      .returning();
    if (!row) throw new AppError('internal', 'invoice settings not saved');
    if (changes.length > 0) {
      await recordEvent(ctx, {
        itemType: 'invoice_settings',
        itemId: ctx.companyId,
        action: 'change',
        changes,
      });
    }
    return row;
  });
}

/** The company's settings row, made if missing, locked for the transaction. */
async function lockedSettings(ctx: TxCtx): Promise<InvoiceSettingsRow> {
  await ctx.db.insert(invoiceSettings).values({ companyId: ctx.companyId }).onConflictDoNothing();
  const [row] = await ctx.db
    .select()
    .from(invoiceSettings)
    .where(eq(invoiceSettings.companyId, ctx.companyId))
    .for('update');
  if (!row) throw new AppError('internal', 'invoice settings missing');
  return row;
}

export const sellerOf = (s: InvoiceSettingsRow): Seller => ({
  name: s.sellerName,
  language: s.language,
  address: s.address,
  vat_number: s.vatNumber,
  org_number: s.orgNumber,
  bank_details: s.bankDetails,
  email: s.email,
});

/**
 * The next number of the company's sequence, taken in the caller's transaction: one statement that
 * makes the counter if missing or moves it on, holding the counter's row lock until the transaction
 * ends. A concurrent issue waits for that lock and reads the moved counter, so numbers are never
 * duplicated; a transaction that rolls back takes its increment with it, so none is skipped.
 * Answers the number and the settings as they are under the lock (the seller printed on the invoice).
 */
export async function takeNumber(ctx: TxCtx): Promise<{ number: number; settings: InvoiceSettingsRow }> {
  const [row] = await ctx.db
    .insert(invoiceSettings)
    .values({ companyId: ctx.companyId, nextNumber: 2 })
    .onConflictDoUpdate({
      target: invoiceSettings.companyId,
      set: { nextNumber: sql.raw(`"invoice_settings"."next_number" + 1`), updateTime: new Date() },
    })
    .returning();
  if (!row) throw new AppError('internal', 'invoice number not taken');
  return { number: row.nextNumber - 1, settings: row };
}
