import { z } from 'zod';
import { entityId, text, ymd } from '../../http/fields.ts';

export const CreateInvoiceBody = z
  .strictObject({
    line_ids: z
      .array(entityId)
      .min(1, 'choose at least one line')
      .max(500)
      .optional()
      .describe(
        "the deal's product lines to bill; without it (and without installment_id) all enabled lines",
      ),
    installment_id: entityId.optional().describe("the deal's installment to bill, instead of lines"),
    issue_date: ymd.optional().describe('YYYY-MM-DD; today when not given'),
    due_date: ymd.optional().describe("YYYY-MM-DD; the issue date plus the settings' default due days"),
    note: text(2000).optional(),
    status: z
      .enum(['draft', 'sent'])
      .optional()
      .describe('draft (default), or sent to issue it at once: it takes its number and its PDF'),
  })
  .superRefine((b, c) => {
    if (b.line_ids && b.installment_id !== undefined) {
      c.addIssue({
        code: 'custom',
        path: ['installment_id'],
        message: 'give either line_ids or installment_id',
      });
    }
    if (b.issue_date && b.due_date && b.due_date < b.issue_date) {
      c.addIssue({ code: 'custom', path: ['due_date'], message: 'must not be before issue_date' });
    }
  });
export type CreateInvoiceBodyT = z.infer<typeof CreateInvoiceBody>;

export const UpdateInvoiceBody = z.strictObject({
  status: z
    .enum(['sent', 'paid', 'void'])
    .describe('draft → sent (issued: numbered, PDF stored, immutable) → paid; draft or sent → void'),
});
export type UpdateInvoiceBodyT = z.infer<typeof UpdateInvoiceBody>;

const money = z.number().describe('exact to 2 decimal places');

export const InvoiceLine = z.object({
  id: z.number().int(),
  position: z.number().int(),
  deal_product_id: z.number().int().nullable(),
  description: z.string(),
  quantity: z.number(),
  unit_price: money,
  discount: z.number(),
  discount_type: z.enum(['percentage', 'amount']),
  tax: z.number(),
  tax_method: z.enum(['exclusive', 'inclusive', 'none']),
  net: money,
  tax_amount: money,
  total: money,
});

const Party = z.object({ name: z.string(), address: z.string() });

export const Invoice = z
  .object({
    id: z.number().int(),
    deal_id: z.number().int(),
    kind: z.enum(['invoice', 'credit_note']),
    credited_invoice_id: z.number().int().nullable(),
    credit_note_id: z.number().int().nullable(),
    installment_id: z.number().int().nullable(),
    status: z.enum(['draft', 'sent', 'paid', 'void']),
    number: z.string().nullable().describe('the prefix and the sequence number; null while a draft'),
    sequence_number: z.number().int().nullable(),
    issue_date: z.string(),
    due_date: z.string(),
    currency: z.string(),
    seller: Party.extend({
      language: z.enum(['en', 'sv']),
      vat_number: z.string(),
      org_number: z.string(),
      bank_details: z.string(),
      email: z.string(),
    }),
    buyer: Party.extend({ person_name: z.string(), email: z.string() }),
    note: z.string(),
    net: money,
    tax_amount: money,
    total: money,
    lines: z.array(InvoiceLine),
    creator_user_id: z.number().int().nullable(),
    file_id: z
      .number()
      .int()
      .nullable()
      .describe('its PDF as a file of the deal (GET /api/v1/files/{id}/download); null until one is made'),
    sent_time: z.string().nullable(),
    paid_time: z.string().nullable(),
    void_time: z.string().nullable(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'Invoice' });

export const InvoiceSettings = z
  .object({
    seller_name: z.string(),
    address: z.string(),
    vat_number: z.string(),
    org_number: z.string(),
    bank_details: z.string(),
    email: z.string(),
    prefix: z.string(),
    next_number: z.number().int(),
    default_due_days: z.number().int(),
    language: z.enum(['en', 'sv']).describe("the language of the invoices' PDFs"),
  })
  .meta({ id: 'InvoiceSettings' });

export const PutInvoiceSettingsBody = z.strictObject({
  seller_name: text(255).optional(),
  address: text(1000).optional(),
  vat_number: text(64).optional(),
  org_number: text(64).optional(),
  bank_details: text(1000).optional(),
  email: text(255).optional(),
  prefix: z
    .string()
    .max(20, 'at most 20 characters')
    .regex(/^[A-Za-z0-9\-/._]*$/, 'letters, digits and - / . _ only')
    .optional(),
  default_due_days: z.number().int('expected whole days').min(0).max(365).optional(),
  language: z.enum(['en', 'sv']).optional(),
  next_number: z
    .number()
    .int('expected an integer')
    .min(1)
    .max(2 ** 31)
    .optional()
    .describe('the first number of the sequence; only before the first invoice is issued'),
});
