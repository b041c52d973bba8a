import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { addTime, companyId, id, ref, tstz, updateTime } from '../../db/columns.ts';
import { DISCOUNT_TYPES, TAX_METHODS } from '../deal-products/tables.ts';
import { companies } from '../users/tables.ts';

export const INVOICE_LANGUAGES = ['en', 'sv'] as const;
export type InvoiceLanguage = (typeof INVOICE_LANGUAGES)[number];
export const INVOICE_KINDS = ['invoice', 'credit_note'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];
export const INVOICE_STATUSES = ['draft', 'sent', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** The seller on an invoice: the company's invoice settings when it was issued. */
export interface Seller {
  name: string;
  language: InvoiceLanguage;
  address: string;
  vat_number: string;
  org_number: string;
  bank_details: string;
  email: string;
}

/** The buyer on an invoice: the deal's organization and person when it was made. */
export interface Buyer {
  name: string;
  address: string;
  person_name: string;
  email: string;
}

/**
 * A company's invoicing: the seller's details printed on every invoice, the number sequence and the
 * default payment term. `next_number` is the counter every issued invoice takes its number from, in
 * the transaction that issues it (numbering.ts): no gaps, no duplicates.
 */
export const invoiceSettings = pgTable('invoice_settings', {
  companyId: companyId()
    .primaryKey()
    .references(() => companies.id),
  sellerName: text('seller_name').notNull().default(''),
  address: text('address').notNull().default(''),
  vatNumber: text('vat_number').notNull().default(''),
  orgNumber: text('org_number').notNull().default(''),
  bankDetails: text('bank_details').notNull().default(''),
  email: text('email').notNull().default(''),
  prefix: text('prefix').notNull().default('INV-'),
  nextNumber: bigint('next_number', { mode: 'number' }).notNull().default(1),
  defaultDueDays: integer('default_due_days').notNull().default(30),
  /** the language of the invoice's PDF */
  language: text('language', { enum: INVOICE_LANGUAGES }).notNull().default('en'),
  updateTime: updateTime(),
});

/**
 * An invoice or a credit note made from a deal. It has no foreign key to its deal on purpose: an
 * invoice is an accounting record that outlives a purged deal. A draft has no number; issuing it
 * ("sent") gives it the next number of the company's sequence, and from then on it is immutable
 * except for its status (paid, void). Amounts are exact decimals, computed in amounts.ts.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: id(),
    companyId: companyId(),
    dealId: bigint('deal_id', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: INVOICE_KINDS }).notNull().default('invoice'),
    /** a credit note's original invoice */
    creditedInvoiceId: ref('credited_invoice_id'),
    /** the installment an invoice bills, when it was made from one */
    installmentId: ref('installment_id'),
    status: text('status', { enum: INVOICE_STATUSES }).notNull().default('draft'),
    /** the number in the company's sequence, set when issued; `numberText` is it with the prefix */
    number: bigint('number', { mode: 'number' }),
    numberText: text('number_text'),
    issueDate: date('issue_date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    currency: text('currency').notNull(),
    seller: jsonb('seller').$type<Seller>().notNull(),
    buyer: jsonb('buyer').$type<Buyer>().notNull(),
    note: text('note').notNull().default(''),
    net: numeric('net').notNull(),
    taxAmount: numeric('tax_amount').notNull(),
    total: numeric('total').notNull(),
    creatorUserId: ref('creator_user_id'),
    /** its PDF, stored as a file of the deal (files module); null until one is made */
    fileId: ref('file_id'),
    sentTime: tstz('sent_time'),
    paidTime: tstz('paid_time'),
    voidTime: tstz('void_time'),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    index('invoices_deal_idx').on(t.companyId, t.dealId, t.id),
    uniqueIndex('invoices_number_uq').on(t.companyId, t.number).where(sql`${t.number} IS NOT NULL`),
    uniqueIndex('invoices_credited_uq')
      .on(t.companyId, t.creditedInvoiceId)
      .where(sql`${t.creditedInvoiceId} IS NOT NULL`),
  ],
);

/** A line of an invoice: what the deal's line (or installment) was when the invoice was made. */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: id(),
    companyId: companyId(),
    invoiceId: bigint('invoice_id', { mode: 'number' })
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** the deal line it was made from */
    dealProductId: ref('deal_product_id'),
    description: text('description').notNull(),
    quantity: numeric('quantity').notNull(),
    unitPrice: numeric('unit_price').notNull(),
    discount: numeric('discount').notNull().default('0'),
    discountType: text('discount_type', { enum: DISCOUNT_TYPES }).notNull().default('percentage'),
    /** tax rate in percent, and how the price holds it */
    tax: numeric('tax').notNull().default('0'),
    taxMethod: text('tax_method', { enum: TAX_METHODS }).notNull(),
    net: numeric('net').notNull(),
    taxAmount: numeric('tax_amount').notNull(),
    total: numeric('total').notNull(),
  },
  (t) => [index('invoice_lines_invoice_idx').on(t.companyId, t.invoiceId, t.position)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The PDF of an issued invoice, as it was sent, from before invoice PDFs were stored as files of the
 * deal (`invoices.file_id`). Nothing writes here any more; `invoicePdf` still reads it for invoices
 * issued before that change. It stays until its bytes are moved into the files module (a migration
 * cannot do that: the bytes have to go through the file storage, which may be S3).
 */
export const invoicePdfs = pgTable('invoice_pdfs', {
  invoiceId: bigint('invoice_id', { mode: 'number' })
    .primaryKey()
    .references(() => invoices.id, { onDelete: 'cascade' }),
  companyId: companyId(),
  pdf: bytea('pdf').notNull(),
  addTime: addTime(),
});
