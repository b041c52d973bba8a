import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeInvoice,
  makeLead,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { pdfText } from '../../../test/helpers/pdf-text.ts';
import { auditEvents } from '../audit/tables.ts';
import { invoices } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

/** A deal of Åsa Öberg's organization with three lines: 25 % VAT on top, a discount, a disabled one. */
async function dealWithLines(t: Tenant, taxMethod: 'exclusive' | 'inclusive' | 'none' = 'exclusive') {
  const org = await makeOrganization(t, {
    name: 'Öberg & Ängström AB',
    address: { value: 'Storgatan 1, 111 22 Malmö' },
  });
  const person = await makePerson(t, {
    name: 'Åsa Öberg',
    emails: [{ value: 'asa@oberg.se', primary: true }],
  });
  const deal = await makeDeal(t, {
    title: 'Kontorsmöbler',
    currency: 'SEK',
    org_id: org.id,
    person_id: person.id,
  });
  const product = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data as { id: number };
  const add = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
    data: [
      { product_id: product.id, item_price: 1999.99, quantity: 3, tax: 25, tax_method: taxMethod },
      { product_id: product.id, item_price: 100, quantity: 1, discount: 12.5, tax: 12 },
      { product_id: product.id, item_price: 50, quantity: 1, is_enabled: false },
    ],
  });
  expect(add.status, JSON.stringify(add.body)).toBe(200);
  const lines = add.body.data as { id: number }[];
  return { deal, lines: lines.map((l) => l.id) };
}

async function pdfOf(t: Tenant, id: number) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/ext/invoices/${id}/pdf`,
    headers: { 'x-api-token': t.token },
  });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
}

describe('invoices', () => {
  it('creates a draft from the enabled lines with exact sums, issues it, and its PDF says so', async () => {
    const t = await newTenant();
    const put = await t.put('/api/ext/invoice-settings', {
      seller_name: 'Pipewright Försäljning AB',
      address: 'Sveavägen 9, 113 57 Stockholm',
      vat_number: 'SE556677889901',
      org_number: '556677-8899',
      bank_details: 'Bankgiro 123-4567',
      prefix: 'F-',
      default_due_days: 10,
      language: 'sv',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const { deal, lines } = await dealWithLines(t);

    const created = await t.post(`/api/ext/deals/${deal.id}/invoices`, { issue_date: '2026-12-01' });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const inv = created.body.data;
    expect(inv).toMatchObject({
      deal_id: deal.id,
      kind: 'invoice',
      status: 'draft',
      number: null,
      issue_date: '2026-12-01',
      due_date: '2026-12-11',
      currency: 'SEK',
      buyer: { name: 'Öberg & Ängström AB', person_name: 'Åsa Öberg', address: 'Storgatan 1, 111 22 Malmö' },
      seller: { name: 'Pipewright Försäljning AB', vat_number: 'SE556677889901' },
    });
    // 1999.99 × 3 = 5999.97, + 25 % = 7499.9625 → 7499.96; 100 − 12.5 % = 87.50, + 12 % = 98.00
    expect(
      inv.lines.map((l: Record<string, unknown>) => [l.deal_product_id, l.net, l.tax_amount, l.total]),
    ).toEqual([
      [lines[0], 5999.97, 1499.99, 7499.96],
      [lines[1], 87.5, 10.5, 98],
    ]);
    expect([inv.net, inv.tax_amount, inv.total]).toEqual([6087.47, 1510.49, 7597.96]);

    const preview = await pdfOf(t, inv.id);
    expect(preview.type).toBe('application/pdf');
    expect(await pdfText(preview.bytes)).toContain('UTKAST');

    const sent = await t.patch(`/api/ext/invoices/${inv.id}`, { status: 'sent' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.data).toMatchObject({ status: 'sent', number: 'F-1', sequence_number: 1 });

    const pdf = await pdfOf(t, inv.id);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = await pdfText(pdf.bytes);
    for (const s of [
      'Faktura',
      'F-1',
      'Åsa Öberg',
      'Öberg & Ängström AB',
      'Storgatan 1, 111 22 Malmö',
      'Pipewright Försäljning AB',
      'SE556677889901',
      'Skrivbord',
      '7 499,96',
      '7 597,96 SEK',
      'Bankgiro 123-4567',
    ]) {
      expect(text.replace(/\u00a0|\u202f/g, ' ')).toContain(s);
    }
    expect(text).not.toContain('UTKAST');

    // the list on the deal, the deal's timeline events
    const list = await t.get(`/api/ext/deals/${deal.id}/invoices`);
    expect(list.body.data.map((i: { number: string }) => i.number)).toEqual(['F-1']);
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'invoice')))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'change']);
    expect(events[1]?.changes).toEqual([
      { field_key: 'status', old_value: 'draft', new_value: 'sent' },
      { field_key: 'number', old_value: null, new_value: 'F-1' },
    ]);
    // the issued PDF, stored as a file of the deal after the issuing transaction
    expect(events[2]?.changes).toEqual([
      { field_key: 'file_id', old_value: null, new_value: sent.body.data.file_id },
    ]);
    expect(sent.body.data.file_id).toEqual(expect.any(Number));
  });

  it('keeps an issued invoice: paid is final, a credit note negates it, a void keeps its number', async () => {
    const t = await newTenant();
    const { deal } = await dealWithLines(t, 'inclusive');
    const a = await makeInvoice(t, deal.id, { status: 'sent' });
    expect(a.invoice.numberText).toBe('INV-1');
    // inclusive: 5999.97 holds 25 % → net 4799.98, tax 1199.99
    expect([a.lines[0]?.net, a.lines[0]?.taxAmount, a.lines[0]?.total]).toEqual([
      '4799.98',
      '1199.99',
      '5999.97',
    ]);
    expect((await t.patch(`/api/ext/invoices/${a.invoice.id}`, { status: 'sent' })).status).toBe(409);

    const credit = await t.post(`/api/ext/invoices/${a.invoice.id}/credit-note`);
    expect(credit.status, JSON.stringify(credit.body)).toBe(200);
    expect(credit.body.data).toMatchObject({
      kind: 'credit_note',
      status: 'sent',
      number: 'INV-2',
      credited_invoice_id: a.invoice.id,
      total: -Number(a.invoice.total),
    });
    expect(
      credit.body.data.lines.map((l: { quantity: number; total: number }) => [l.quantity, l.total]),
    ).toEqual(a.lines.map((l) => [-Number(l.quantity), -Number(l.total)]));
    expect((await t.post(`/api/ext/invoices/${a.invoice.id}/credit-note`)).status).toBe(409);
    expect(await pdfText((await pdfOf(t, credit.body.data.id)).bytes)).toContain('Credits invoice INV-1');

    const paid = await t.patch(`/api/ext/invoices/${a.invoice.id}`, { status: 'paid' });
    expect(paid.body.data).toMatchObject({ status: 'paid', credit_note_id: credit.body.data.id });
    expect((await t.patch(`/api/ext/invoices/${a.invoice.id}`, { status: 'void' })).status).toBe(409);

    const b = await makeInvoice(t, deal.id, { status: 'sent' });
    const voided = await t.patch(`/api/ext/invoices/${b.invoice.id}`, { status: 'void' });
    expect(voided.body.data).toMatchObject({ status: 'void', number: 'INV-3' });
    // a voided draft never had a number, so the next issued one follows on
    const draft = await makeInvoice(t, deal.id);
    expect(
      (await t.patch(`/api/ext/invoices/${draft.invoice.id}`, { status: 'void' })).body.data.number,
    ).toBe(null);
    const c = await makeInvoice(t, deal.id, { status: 'sent' });
    expect(c.invoice.numberText).toBe('INV-4');
  });

  it('bills chosen lines or one installment', async () => {
    const t = await newTenant();
    const { deal, lines } = await dealWithLines(t, 'none');
    const chosen = await t.post(`/api/ext/deals/${deal.id}/invoices`, { line_ids: [lines[2]] });
    expect(chosen.body.data.lines).toHaveLength(1);
    expect(chosen.body.data.total).toBe(50);
    const inst = await t.post(`/api/v2/deals/${deal.id}/installments`, {
      description: 'Första delbetalning',
      amount: 1000,
      billing_date: '2026-12-15',
    });
    expect(inst.status, JSON.stringify(inst.body)).toBe(200);
    const byInst = await t.post(`/api/ext/deals/${deal.id}/invoices`, { installment_id: inst.body.data.id });
    expect(byInst.status, JSON.stringify(byInst.body)).toBe(200);
    expect(byInst.body.data).toMatchObject({ installment_id: inst.body.data.id, total: 1000, tax_amount: 0 });
    expect(byInst.body.data.lines[0].description).toContain('Första delbetalning');
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const t = await newTenant();
    const { deal, lines } = await dealWithLines(t);
    const lead = await makeLead(t, { title: 'A lead' });
    const cases: [string, unknown, number, string][] = [
      [
        `/api/ext/deals/${deal.id}/invoices`,
        { line_ids: [lines[0]], installment_id: 1 },
        400,
        'installment_id',
      ],
      [
        `/api/ext/deals/${deal.id}/invoices`,
        { issue_date: '2026-12-10', due_date: '2026-12-01' },
        400,
        'due_date',
      ],
      [`/api/ext/deals/${deal.id}/invoices`, { line_ids: [999999] }, 404, 'line_ids'],
      [`/api/ext/deals/${deal.id}/invoices`, { status: 'paid' }, 400, 'status'],
      [`/api/ext/deals/${deal.id}/invoices`, { issue_date: '2026-02-30' }, 400, 'issue_date'],
      [`/api/ext/deals/${lead.id}/invoices`, {}, 400, 'id'],
      ['/api/ext/deals/987654321/invoices', {}, 404, 'Deal'],
    ];
    for (const [url, body, status, field] of cases) {
      const res = await t.post(url, body);
      expect(res.status, `${url} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    const empty = await makeDeal(t, { title: 'No lines' });
    const none = await t.post(`/api/ext/deals/${empty.id}/invoices`, {});
    expect([none.status, none.body.error]).toEqual([400, expect.stringContaining('line_ids')]);
    const written = await t.db.select().from(invoices).where(eq(invoices.companyId, t.companyId));
    expect(written).toEqual([]);
  });

  it('keeps settings: defaults, admins only, the start number fixed once an invoice is issued', async () => {
    const t = await newTenant();
    expect((await t.get('/api/ext/invoice-settings')).body.data).toMatchObject({
      prefix: 'INV-',
      next_number: 1,
      default_due_days: 30,
      language: 'en',
    });
    const user = await t.addUser({ isAdmin: false });
    expect((await user.as.put('/api/ext/invoice-settings', { prefix: 'X-' })).status).toBe(403);
    expect((await t.put('/api/ext/invoice-settings', { prefix: 'bad prefix' })).body.error).toContain(
      'prefix',
    );
    expect((await t.put('/api/ext/invoice-settings', { next_number: 1001 })).body.data.next_number).toBe(
      1001,
    );
    const { deal } = await dealWithLines(t);
    expect((await makeInvoice(t, deal.id, { status: 'sent' })).invoice.numberText).toBe('INV-1001');
    const again = await t.put('/api/ext/invoice-settings', { next_number: 1 });
    expect([again.status, again.body.error]).toEqual([400, expect.stringContaining('next_number')]);
  });

  it('shows only the invoices of deals the caller sees', async () => {
    const t = await newTenant();
    const { deal } = await dealWithLines(t);
    const inv = await makeInvoice(t, deal.id);
    const other = await newTenant();
    expect((await other.get(`/api/ext/invoices/${inv.invoice.id}`)).status).toBe(404);
    expect((await pdfOf(other, inv.invoice.id)).status).toBe(404);
    expect((await other.patch(`/api/ext/invoices/${inv.invoice.id}`, { status: 'sent' })).status).toBe(404);
  });
});

describe('the PDF route', () => {
  it('answers a PDF that only the app itself may frame (its preview)', async () => {
    const t = await newTenant();
    const { deal } = await dealWithLines(t);
    const inv = await makeInvoice(t, deal.id, { status: 'sent' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/ext/invoices/${inv.invoice.id}/pdf?download=1`,
      headers: { 'x-api-token': t.token },
    });
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="INV-1.pdf"');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe("the deal's flow", () => {
  it('shows the deal’s invoices as invoice objects, alone with items=invoice', async () => {
    const t = await newTenant();
    const { deal } = await dealWithLines(t);
    const inv = await makeInvoice(t, deal.id, { status: 'sent' });
    const all = await t.get(`/api/v1/deals/${deal.id}/flow`);
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const found = all.body.data.filter((d: { object: string }) => d.object === 'invoice');
    expect(found.map((d: { data: { id: number; number: string } }) => [d.data.id, d.data.number])).toEqual([
      [inv.invoice.id, 'INV-1'],
    ]);
    const only = await t.get(`/api/v1/deals/${deal.id}/flow`, { items: 'invoice' });
    expect(only.body.data.map((d: { object: string }) => d.object)).toEqual(['invoice']);
    const notes = await t.get(`/api/v1/deals/${deal.id}/flow`, { items: 'note' });
    expect(notes.body.data).toEqual([]);
  });
});
