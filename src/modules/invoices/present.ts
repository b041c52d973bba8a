import { num, rfc3339 } from '../../http/formats.ts';
import type { InvoiceSettingsRow } from './settings.ts';
import type { invoiceLines, invoices } from './tables.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;

export interface FullInvoice {
  invoice: InvoiceRow;
  lines: InvoiceLineRow[];
  creditNoteId: number | null;
}

export function presentInvoice({ invoice: i, lines, creditNoteId }: FullInvoice) {
  return {
    id: i.id,
    deal_id: i.dealId,
    kind: i.kind,
    credited_invoice_id: i.creditedInvoiceId,
    credit_note_id: creditNoteId,
    installment_id: i.installmentId,
    status: i.status,
    number: i.numberText,
    sequence_number: i.number,
    issue_date: i.issueDate,
    due_date: i.dueDate,
    currency: i.currency,
    seller: i.seller,
    buyer: i.buyer,
    note: i.note,
    net: num(i.net) ?? 0,
    tax_amount: num(i.taxAmount) ?? 0,
    total: num(i.total) ?? 0,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      deal_product_id: l.dealProductId,
      description: l.description,
      quantity: num(l.quantity) ?? 0,
      unit_price: num(l.unitPrice) ?? 0,
      discount: num(l.discount) ?? 0,
      discount_type: l.discountType,
      tax: num(l.tax) ?? 0,
      tax_method: l.taxMethod,
      net: num(l.net) ?? 0,
      tax_amount: num(l.taxAmount) ?? 0,
      total: num(l.total) ?? 0,
    })),
    creator_user_id: i.creatorUserId,
    file_id: i.fileId,
    sent_time: rfc3339(i.sentTime),
    paid_time: rfc3339(i.paidTime),
    void_time: rfc3339(i.voidTime),
    add_time: rfc3339(i.addTime) as string,
    update_time: rfc3339(i.updateTime) as string,
  };
}

export const presentSettings = (s: InvoiceSettingsRow) => ({
  seller_name: s.sellerName,
  address: s.address,
  vat_number: s.vatNumber,
  org_number: s.orgNumber,
  bank_details: s.bankDetails,
  email: s.email,
  prefix: s.prefix,
  next_number: s.nextNumber,
  default_due_days: s.defaultDueDays,
  language: s.language,
});
