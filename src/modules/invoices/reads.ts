import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../context.ts';
import { getDeal } from '../deals/service.ts';
import { deals } from '../deals/tables.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import type { FullInvoice, InvoiceLineRow, InvoiceRow } from './present.ts';
import { invoiceLines, invoices } from './tables.ts';

/* Reading invoices: one with its lines and credit note, a deal's, several by id. */

/** The invoice, if the caller sees its deal (a deleted deal's invoices stay readable). */
export async function invoiceRow(ctx: Ctx, id: number, lock = false): Promise<InvoiceRow> {
  const q = ctx.db
    .select()
    .from(invoices)
    .where(and(scoped(ctx, invoices), eq(invoices.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new AppError('not_found', 'Invoice not found', 'id');
  await dealOfInvoice(ctx, row.dealId);
  return row;
}

async function dealOfInvoice(ctx: Ctx, dealId: number) {
  const [deal] = await ctx.db
    .select({ id: deals.id })
    .from(deals)
    .where(and(scoped(ctx, deals, { deleted: 'too' }), eq(deals.id, dealId)));
  if (!deal) throw new AppError('not_found', 'Invoice not found', 'id');
}

export async function withLines(ctx: Ctx, rows: InvoiceRow[]): Promise<FullInvoice[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const lines = await ctx.db
    .select()
    .from(invoiceLines)
    .where(and(scoped(ctx, invoiceLines), inArray(invoiceLines.invoiceId, ids)))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
  const credits = await ctx.db
    .select({ id: invoices.id, of: invoices.creditedInvoiceId })
    .from(invoices)
    .where(and(scoped(ctx, invoices), inArray(invoices.creditedInvoiceId, ids)));
  const byInvoice = new Map<number, InvoiceLineRow[]>();
  for (const l of lines) byInvoice.set(l.invoiceId, [...(byInvoice.get(l.invoiceId) ?? []), l]);
  const creditOf = new Map(credits.map((c) => [c.of, c.id]));
  return rows.map((invoice) => ({
    invoice,
    lines: byInvoice.get(invoice.id) ?? [],
    creditNoteId: creditOf.get(invoice.id) ?? null,
  }));
}

export async function loadInvoice(ctx: Ctx, id: number): Promise<FullInvoice> {
  const [full] = await withLines(ctx, [await invoiceRow(ctx, id)]);
  if (!full) throw new AppError('not_found', 'Invoice not found', 'id');
  return full;
}

/** Invoices by id with their lines (the deal's flow), for a deal the caller has already read. */
export async function invoicesById(ctx: Ctx, ids: number[]): Promise<Map<number, FullInvoice>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select()
    .from(invoices)
    .where(and(scoped(ctx, invoices), inArray(invoices.id, ids)));
  return new Map((await withLines(ctx, rows)).map((f) => [f.invoice.id, f]));
}

/** GET /api/ext/invoices/{id}. */
export const getInvoice = (ctx: Ctx, id: number): Promise<FullInvoice> => loadInvoice(ctx, id);

/** GET /api/ext/deals/{id}/invoices: newest first. */
export async function listDealInvoices(ctx: Ctx, dealId: number): Promise<FullInvoice[]> {
  await getDeal(ctx, dealId);
  const rows = await ctx.db
    .select()
    .from(invoices)
    .where(and(scoped(ctx, invoices), eq(invoices.dealId, dealId)))
    .orderBy(desc(invoices.id));
  return withLines(ctx, rows);
}
