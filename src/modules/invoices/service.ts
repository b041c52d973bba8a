import { and, eq } from 'drizzle-orm';
import { recordEvent } from '../audit/service.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { totalsOf as dealTotalsOf, discountsOf, linesOf } from '../deal-products/derive.ts';
import type { DealProductRow } from '../deal-products/present.ts';
import { dealInstallments } from '../deal-products/tables.ts';
import { type DealRow, getDeal } from '../deals/service.ts';
import { AppError, invalid } from '../errors.ts';
import type { FilesConfig } from '../files/upload.ts';
import { scoped } from '../scope.ts';
import {
  discountLines,
  effectiveRate,
  installmentMoney,
  type LineMoney,
  lineMoney,
  negate,
  negateExact,
  totalsOf,
} from './amounts.ts';
import { dropPdfFile, withPdf } from './pdf-files.ts';
import type { FullInvoice, InvoiceRow } from './present.ts';
import { invoiceRow, loadInvoice, withLines } from './reads.ts';
import type { CreateInvoiceBodyT } from './schema.ts';
import { getInvoiceSettings, sellerOf, takeNumber } from './settings.ts';
import { type Buyer, type InvoiceStatus, invoiceLines, invoices } from './tables.ts';

type LineInsert = Omit<typeof invoiceLines.$inferInsert, 'companyId' | 'invoiceId'>;

const today = () => new Date().toISOString().slice(0, 10);

function addDays(ymd: string, days: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The buyer: the deal's organization (name, address) and person (name, primary email), as they are now. */
async function buyerOf(ctx: Ctx, deal: { orgId: number | null; personId: number | null }): Promise<Buyer> {
  const [org] = deal.orgId
    ? await ctx.db
        .select({ name: organizations.name, address: organizations.address })
        .from(organizations)
        .where(
          and(
            scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
            eq(organizations.id, deal.orgId),
          ),
        )
    : [];
  const [person] = deal.personId
    ? await ctx.db
        .select({ name: persons.name, emails: persons.emails })
        .from(persons)
        .where(
          and(scoped(ctx, persons, { deleted: 'too', visibility: 'any' }), eq(persons.id, deal.personId)),
        )
    : [];
  const email = person?.emails.find((e) => e.primary)?.value ?? person?.emails[0]?.value ?? '';
  return {
    name: org?.name ?? person?.name ?? '',
    address: org?.address?.value ?? '',
    person_name: org ? (person?.name ?? '') : '',
    email,
  };
}

/** The lines an invoice bills: the chosen (or all enabled) deal lines, or one installment. */
async function linesToBill(ctx: TxCtx, deal: DealRow, input: CreateInvoiceBodyT): Promise<LineInsert[]> {
  const dealId = deal.id;
  const dealLines = await linesOf(ctx, dealId);
  if (input.installment_id !== undefined) {
    const [inst] = await ctx.db
      .select()
      .from(dealInstallments)
      .where(
        and(
          scoped(ctx, dealInstallments),
          eq(dealInstallments.dealId, dealId),
          eq(dealInstallments.id, input.installment_id),
        ),
      );
    if (!inst) throw new AppError('not_found', 'Installment not found', 'installment_id');
    const m = installmentMoney(
      inst.amount,
      dealLines.filter((l) => l.isEnabled && l.billingFrequency === 'one-time').map(lineMoney),
    );
    return [
      {
        position: 1,
        dealProductId: null,
        description: `${inst.description} (${inst.billingDate})`,
        quantity: '1',
        unitPrice: m.net,
        tax: effectiveRate(m),
        taxMethod: 'exclusive',
        ...m,
      },
    ];
  }
  let chosen = dealLines.filter((l) => l.isEnabled);
  if (input.line_ids) {
    const byId = new Map(dealLines.map((l) => [l.id, l]));
    const missing = input.line_ids.find((id) => !byId.has(id));
    if (missing !== undefined)
      throw new AppError('not_found', `Deal product not found: ${missing}`, 'line_ids');
    const wanted = new Set(input.line_ids);
    chosen = dealLines.filter((l) => wanted.has(l.id));
  }
  if (chosen.length === 0) throw invalid('line_ids', 'the deal has no product lines to invoice');
  const lines: LineInsert[] = chosen.map((l, i) => ({
    position: i + 1,
    dealProductId: l.id,
    description: l.comments ? `${l.name} — ${l.comments}` : l.name,
    quantity: l.quantity,
    unitPrice: l.itemPrice,
    discount: l.discount,
    discountType: l.discountType,
    tax: l.tax,
    taxMethod: l.taxMethod,
    ...lineMoney(l),
  }));
  return [...lines, ...(await dealDiscountLines(ctx, deal, dealLines, chosen, lines.length))];
}

/**
 * The deal's discounts as negative lines after the products (amounts.ts, discountLines, has the rule):
 * the chosen enabled one-time lines in the deal's currency bear their share of them.
 */
async function dealDiscountLines(
  ctx: TxCtx,
  deal: DealRow,
  dealLines: readonly DealProductRow[],
  chosen: readonly DealProductRow[],
  after: number,
): Promise<LineInsert[]> {
  const discounts = await discountsOf(ctx, deal.id);
  if (discounts.length === 0) return [];
  const bearing = (l: DealProductRow) =>
    l.isEnabled && l.billingFrequency === 'one-time' && l.currency === deal.currency;
  const oneTime = dealLines.filter(bearing);
  const whole = totalsOf(oneTime.map(lineMoney)).total;
  const { value } = dealTotalsOf(deal, dealLines, discounts);
  const money = discountLines(discounts, whole, value, chosen.filter(bearing).map(lineMoney));
  return money.map((m, i) => ({
    position: after + i + 1,
    dealProductId: null,
    description: m.description,
    quantity: '1',
    unitPrice: m.net,
    tax: effectiveRate(m),
    taxMethod: 'exclusive' as const,
    net: m.net,
    taxAmount: m.taxAmount,
    total: m.total,
  }));
}

async function insertInvoice(
  ctx: TxCtx,
  values: Omit<typeof invoices.$inferInsert, 'companyId' | 'net' | 'taxAmount' | 'total'>,
  lines: LineInsert[],
): Promise<InvoiceRow> {
  const totals = totalsOf(lines as LineMoney[]);
  const [row] = await ctx.db
    .insert(invoices)
    .values({ ...values, companyId: ctx.companyId, ...totals, creatorUserId: ctx.actor.userId })
    .returning();
  if (!row) throw new AppError('internal', 'invoice not created');
  await ctx.db
    .insert(invoiceLines)
    .values(lines.map((l) => ({ ...l, companyId: ctx.companyId, invoiceId: row.id })));
  await recordEvent(ctx, {
    itemType: 'invoice',
    itemId: row.id,
    action: 'create',
    changes: [
      { field_key: 'deal_id', old_value: null, new_value: row.dealId },
      { field_key: 'kind', old_value: null, new_value: row.kind },
      { field_key: 'total', old_value: null, new_value: row.total },
    ],
  });
  return row;
}

/**
 * POST /api/ext/deals/{id}/invoices. A draft by default; `status: 'sent'` issues it in the same
 * transaction. Only a deal can be invoiced: a lead has no products and no route here.
 */
export async function createInvoice(
  ctx: Ctx,
  dealId: number,
  input: CreateInvoiceBodyT,
  files: FilesConfig,
): Promise<FullInvoice> {
  const full = await inTx(ctx, async (ctx) => {
    // no lock on the deal: invoices of one deal may be made at once (lines are read as they are)
    const deal = await getDeal(ctx, dealId);
    const settings = await getInvoiceSettings(ctx);
    const lines = await linesToBill(ctx, deal, input);
    const issueDate = input.issue_date ?? today();
    const dueDate = input.due_date ?? addDays(issueDate, settings.defaultDueDays);
    if (dueDate < issueDate) throw invalid('due_date', 'must not be before issue_date');
    const row = await insertInvoice(
      ctx,
      {
        dealId,
        installmentId: input.installment_id ?? null,
        issueDate,
        dueDate,
        currency: deal.currency,
        seller: sellerOf(settings),
        buyer: await buyerOf(ctx, deal),
        note: input.note ?? '',
      },
      lines,
    );
    if (input.status === 'sent') return setStatus(ctx, row.id, 'sent');
    return loadInvoice(ctx, row.id);
  });
  return withPdf(ctx, full, files);
}

/** The moves a status can make. Issued invoices never go back to draft; paid and void are final. */
const NEXT: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  draft: ['sent', 'void'],
  sent: ['paid', 'void'],
  paid: [],
  void: [],
};

/**
 * PATCH /api/ext/invoices/{id}: draft → sent issues it (the next number of the sequence, the seller as
 * the settings are then, its PDF stored); sent → paid; draft or sent → void (a voided invoice keeps its
 * number: the sequence has no gap). Credit notes are issued when made and can only be marked paid.
 */
export async function changeStatus(
  ctx: Ctx,
  id: number,
  status: InvoiceStatus,
  files: FilesConfig,
): Promise<FullInvoice> {
  return withPdf(ctx, await inTx(ctx, (ctx) => setStatus(ctx, id, status)), files);
}

async function setStatus(ctx: TxCtx, id: number, status: InvoiceStatus): Promise<FullInvoice> {
  const before = await invoiceRow(ctx, id, true);
  if (!NEXT[before.status].includes(status)) {
    throw new AppError('conflict', `An invoice that is ${before.status} cannot become ${status}`, 'status');
  }
  const now = new Date();
  const set: Partial<typeof invoices.$inferInsert> = { status, updateTime: now };
  if (status === 'sent') {
    const { number, settings } = await takeNumber(ctx);
    set.number = number;
    set.numberText = `${settings.prefix}${number}`;
    set.seller = sellerOf(settings);
    set.sentTime = now;
    // a PDF made of the draft is not the invoice as sent: its file goes, the issued one replaces it
    if (before.fileId !== null) {
      await dropPdfFile(ctx, before.fileId);
      set.fileId = null;
    }
  }
  if (status === 'paid') set.paidTime = now;
  if (status === 'void') set.voidTime = now;
  const [after] = await ctx.db
    .update(invoices)
    .set(set)
    .where(and(eq(invoices.companyId, ctx.companyId), eq(invoices.id, id)))
    .returning();
  if (!after) throw new AppError('not_found', 'Invoice not found', 'id');
  const changes: {
    field_key: string;
    old_value: string | number | null;
    new_value: string | number | null;
  }[] = [{ field_key: 'status', old_value: before.status, new_value: status }];
  if (status === 'sent') changes.push({ field_key: 'number', old_value: null, new_value: after.numberText });
  if (set.fileId === null) changes.push({ field_key: 'file_id', old_value: before.fileId, new_value: null });
  await recordEvent(ctx, { itemType: 'invoice', itemId: id, action: 'change', changes });
  const [full] = await withLines(ctx, [after]);
  if (!full) throw new AppError('internal', 'invoice lost');
  return full;
}

/**
 * POST /api/ext/invoices/{id}/credit-note: a sent or paid invoice is corrected by a credit note that
 * credits it whole: its lines negated, issued at once with its own number of the same sequence. One
 * credit note per invoice; a voided invoice needs none.
 */
export async function createCreditNote(ctx: Ctx, id: number, files: FilesConfig): Promise<FullInvoice> {
  const full = await inTx(ctx, async (ctx) => {
    const original = await invoiceRow(ctx, id, true);
    if (original.kind !== 'invoice' || (original.status !== 'sent' && original.status !== 'paid')) {
      throw new AppError('conflict', 'Only a sent or paid invoice can be credited', 'id');
    }
    const [existing] = await ctx.db
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(scoped(ctx, invoices), eq(invoices.creditedInvoiceId, id)));
    if (existing) throw new AppError('conflict', 'The invoice already has a credit note', 'id');
    const [full] = await withLines(ctx, [original]);
    const issueDate = today();
    const row = await insertInvoice(
      ctx,
      {
        dealId: original.dealId,
        kind: 'credit_note',
        creditedInvoiceId: id,
        issueDate,
        dueDate: issueDate,
        currency: original.currency,
        seller: original.seller,
        buyer: original.buyer,
        note: original.numberText ?? '',
      },
      (full?.lines ?? []).map((l) => ({
        position: l.position,
        dealProductId: l.dealProductId,
        description: l.description,
        quantity: negateExact(l.quantity),
        unitPrice: l.unitPrice,
        discount: l.discount,
        discountType: l.discountType,
        tax: l.tax,
        taxMethod: l.taxMethod,
        net: negate(l.net),
        taxAmount: negate(l.taxAmount),
        total: negate(l.total),
      })),
    );
    return setStatus(ctx, row.id, 'sent');
  });
  return withPdf(ctx, full, files);
}
