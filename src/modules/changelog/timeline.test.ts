import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeDocument,
  makeDocumentTemplate,
  makeFile,
  makeInvoice,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { pdfText } from '../../../test/helpers/pdf-text.ts';
import { invoicePdfs, invoices } from '../invoices/tables.ts';
import { TimelineResponse } from './schema.ts';

beforeAll(async () => {
  await testApp();
});

interface Item {
  kind: string;
  event: string;
  time: string;
  actor: { type: string; user_id: number | null; name: string | null };
  change: { field_key: string; old_value: string | null; new_value: string | null } | null;
  file: { id: number; name: string; active: boolean; previewable: boolean } | null;
  document: { id: number; title: string } | null;
  invoice: { id: number; number: string | null; status: string; file_id: number | null } | null;
}

async function timeline(t: Tenant, id: number, query: Record<string, string | number> = {}) {
  const res = await t.get(`/api/ext/deals/${id}/timeline`, query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  TimelineResponse.parse(res.body);
  return res.body as { data: Item[]; additional_data: { more_items_in_collection: boolean } };
}

const words = (items: Item[]) =>
  items.map((i) =>
    i.kind === 'change' ? `change:${i.event}:${i.change?.field_key}` : `${i.kind}:${i.event}`,
  );

/** GET with the tenant's token, answering the raw bytes. */
async function bytesOf(t: Tenant, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { 'x-api-token': t.token } });
  return { status: res.statusCode, type: res.headers['content-type'], bytes: res.rawPayload };
}

/** A deal with one product line, so that it can be invoiced. */
async function invoiceableDeal(t: Tenant, title = 'Timeline deal') {
  const deal = await makeDeal(t, { title, currency: 'SEK' });
  const product = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data as { id: number };
  const add = await t.post(`/api/v2/deals/${deal.id}/products`, {
    product_id: product.id,
    item_price: 100,
    quantity: 2,
  });
  expect(add.status, JSON.stringify(add.body)).toBe(200);
  return deal;
}

/** Opens a share link as a logged-out visitor. */
async function visit(t: Tenant, url: string, payload?: string) {
  const res = await t.app.inject({
    method: payload === undefined ? 'GET' : 'POST',
    url: payload === undefined ? url : `${url}/accept`,
    remoteAddress: '203.0.113.7',
    headers: {
      'user-agent': 'TestBrowser/1.0',
      ...(payload === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
    },
    ...(payload === undefined ? {} : { payload }),
  });
  expect([200, 303], res.body).toContain(res.statusCode);
}

describe('deal timeline', () => {
  it('merges changes, files, documents and invoices newest first, with who did each', async () => {
    const t = await newTenant();
    const deal = await invoiceableDeal(t);
    const storage = t.app.files.storage;
    await t.patch(`/api/v2/deals/${deal.id}`, { title: 'Timeline deal 2' });
    const kept = await makeFile(t, storage, { links: { deal_id: String(deal.id) }, name: 'brief.txt' });
    const gone = await makeFile(t, storage, { links: { deal_id: String(deal.id) }, name: 'old.txt' });
    expect((await t.del(`/api/v1/files/${gone.id}`)).status).toBe(200);
    const template = await makeDocumentTemplate(t);
    const doc = await makeDocument(t, { deal_id: deal.id, template_id: template.id });
    const share = await t.post(`/api/ext/documents/${doc.doc.id}/shares`, {});
    const url = share.body.data.shares[0].url as string;
    await visit(t, url);
    await visit(t, url, 'name=%C3%85sa+%C3%96berg&agree=yes');
    const inv = await makeInvoice(t, deal.id);
    expect((await t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {})).status).toBe(200);
    expect((await t.patch(`/api/ext/invoices/${inv.invoice.id}`, { status: 'sent' })).status).toBe(200);
    expect((await t.patch(`/api/ext/invoices/${inv.invoice.id}`, { status: 'paid' })).status).toBe(200);

    const body = await timeline(t, deal.id);
    const w = words(body.data);
    expect(w.slice(0, 11)).toEqual([
      'invoice:paid',
      'invoice:pdf',
      'invoice:sent',
      'invoice:pdf',
      'invoice:created',
      'document:accepted',
      'document:viewed',
      'document:created',
      'file:deleted',
      'file:uploaded',
      'file:uploaded',
    ]);
    expect(w.slice(11)).toContain('change:changed:title');
    // the deal's creation: its add_time first, then the fields it was made with
    const created = w.filter((x) => x.startsWith('change:created:'));
    expect(created[0]).toBe('change:created:add_time');
    expect(created).toContain('change:created:title');
    expect(w.slice(-created.length)).toEqual(created);
    // the draft's PDF file and the issued one's show only as the invoice's moments
    expect(w.filter((x) => x.startsWith('file:'))).toHaveLength(3);

    const me = { type: 'user', user_id: t.userId };
    const at = (i: number) => body.data[i] as Item;
    expect(at(0).actor).toMatchObject(me);
    expect(at(0).actor.name).toBeTruthy();
    expect(at(5)).toMatchObject({ actor: { type: 'visitor', user_id: null, name: 'Åsa Öberg' } });
    expect(at(6)).toMatchObject({ actor: { type: 'visitor', name: null }, document: { id: doc.doc.id } });
    expect(at(7)).toMatchObject({ actor: me, document: { id: doc.doc.id, title: doc.doc.title } });
    expect(at(8)).toMatchObject({ actor: me, file: { id: gone.id, name: 'old.txt', active: false } });
    expect(at(9)).toMatchObject({ file: { id: gone.id } });
    expect(at(10)).toMatchObject({ actor: me, file: { id: kept.id, name: 'brief.txt', active: true } });

    const sent = (await t.get(`/api/ext/invoices/${inv.invoice.id}`)).body.data;
    expect(sent.file_id).toEqual(expect.any(Number));
    expect(at(1).invoice).toMatchObject({ id: inv.invoice.id, number: 'INV-1', file_id: sent.file_id });
    expect(at(3).invoice?.file_id).not.toBe(sent.file_id);
    for (const i of body.data) expect(i.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);

    // filters and pages
    const onlyFiles = await timeline(t, deal.id, { kinds: 'file' });
    expect(words(onlyFiles.data)).toEqual(['file:deleted', 'file:uploaded', 'file:uploaded']);
    const docsAndInvoices = await timeline(t, deal.id, { kinds: 'document,invoice', limit: 3 });
    expect(words(docsAndInvoices.data)).toEqual(['invoice:paid', 'invoice:pdf', 'invoice:sent']);
    expect(docsAndInvoices.additional_data.more_items_in_collection).toBe(true);
    const next = await timeline(t, deal.id, { kinds: 'document,invoice', limit: 3, start: 3 });
    expect(words(next.data)).toEqual(['invoice:pdf', 'invoice:created', 'document:accepted']);

    const bad = await t.get(`/api/ext/deals/${deal.id}/timeline`, { kinds: 'file,mail' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('kinds');
  });

  it("answers 404 for another company's deal and leaves its items out", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await invoiceableDeal(other);
    await makeFile(other, other.app.files.storage, { links: { deal_id: String(theirs.id) } });
    expect((await t.get(`/api/ext/deals/${theirs.id}/timeline`)).status).toBe(404);
    const mine = await makeDeal(t);
    const body = await timeline(t, mine.id);
    expect(new Set(body.data.map((i) => `${i.kind}:${i.event}`))).toEqual(new Set(['change:created']));
  });
});

describe("invoice PDFs as the deal's files", () => {
  it('stores the issued PDF as a file of the deal, served byte for byte by both routes', async () => {
    const t = await newTenant();
    const deal = await invoiceableDeal(t);
    const inv = await makeInvoice(t, deal.id, { status: 'sent' });
    const fileId = inv.invoice.fileId;
    expect(fileId).toEqual(expect.any(Number));

    const list = await t.get(`/api/v1/deals/${deal.id}/files`);
    expect(list.body.data.map((f: { id: number; name: string }) => [f.id, f.name])).toEqual([
      [fileId, 'INV-1.pdf'],
    ]);
    const viaInvoice = await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`);
    const viaFile = await bytesOf(t, `/api/v1/files/${fileId}/download`);
    expect(viaInvoice.status).toBe(200);
    expect(viaInvoice.type).toBe('application/pdf');
    expect(viaFile.type).toBe('application/pdf');
    expect(viaInvoice.bytes.equals(viaFile.bytes)).toBe(true);
    expect(await pdfText(viaInvoice.bytes)).toContain('INV-1');
    // nothing new in the old table
    expect(await t.db.select().from(invoicePdfs).where(eq(invoicePdfs.invoiceId, inv.invoice.id))).toEqual(
      [],
    );

    // asking again for an issued invoice's PDF keeps the one made when it was issued
    const again = await t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {});
    expect(again.body.data.file_id).toBe(fileId);
    // deleted from the deal's files, the invoice still answers its PDF (the bytes stay until purged)
    expect((await t.del(`/api/v1/files/${fileId}`)).status).toBe(200);
    const afterDelete = await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`);
    expect(afterDelete.bytes.equals(viaFile.bytes)).toBe(true);

    // another company sees neither
    const other = await newTenant();
    expect((await bytesOf(other, `/api/ext/invoices/${inv.invoice.id}/pdf`)).status).toBe(404);
    expect((await other.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {})).status).toBe(404);
    expect((await bytesOf(other, `/api/v1/files/${fileId}/download`)).status).toBe(404);
  });

  it("replaces a draft's PDF file when it is made again and when the draft is issued", async () => {
    const t = await newTenant();
    const deal = await invoiceableDeal(t);
    const inv = await makeInvoice(t, deal.id);
    expect(inv.invoice.fileId).toBeNull();
    const first = (await t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {})).body.data.file_id as number;
    const second = (await t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {})).body.data.file_id as number;
    expect(second).not.toBe(first);
    const names = async () =>
      (await t.get(`/api/v1/deals/${deal.id}/files`)).body.data.map((f: { id: number; name: string }) => [
        f.id,
        f.name,
      ]);
    expect(await names()).toEqual([[second, `draft-${inv.invoice.id}.pdf`]]);
    const draft = await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`);
    expect(draft.bytes.equals((await bytesOf(t, `/api/v1/files/${second}/download`)).bytes)).toBe(true);
    expect(await pdfText(draft.bytes)).toContain('DRAFT');

    const sent = await t.patch(`/api/ext/invoices/${inv.invoice.id}`, { status: 'sent' });
    const issued = sent.body.data.file_id as number;
    expect(await names()).toEqual([[issued, 'INV-1.pdf']]);
    expect(await pdfText((await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`)).bytes)).not.toContain(
      'DRAFT',
    );
  });

  it("keeps one PDF file of a draft saved twice at once, and the invoice's is that one", async () => {
    const t = await newTenant();
    const deal = await invoiceableDeal(t);
    const inv = await makeInvoice(t, deal.id);
    const both = await Promise.all([
      t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {}),
      t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {}),
    ]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const now = (await t.get(`/api/ext/invoices/${inv.invoice.id}`)).body.data.file_id as number;
    const list = (await t.get(`/api/v1/deals/${deal.id}/files`)).body.data as { id: number }[];
    expect(list.map((f) => f.id)).toEqual([now]);
  });

  it('serves a PDF issued before PDFs were files from the old table, and stores it as a file on request', async () => {
    const t = await newTenant();
    const deal = await invoiceableDeal(t);
    const inv = await makeInvoice(t, deal.id, { status: 'sent' });
    // the state an invoice issued by the previous version is in: bytes in invoice_pdfs, no file
    const old = Buffer.from('%PDF-1.4\n% the bytes stored by the previous version\n%%EOF\n');
    await t.db.update(invoices).set({ fileId: null }).where(eq(invoices.id, inv.invoice.id));
    await t.db.insert(invoicePdfs).values({ invoiceId: inv.invoice.id, companyId: t.companyId, pdf: old });

    const served = await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`);
    expect(served.bytes.equals(old)).toBe(true);
    const moved = await t.post(`/api/ext/invoices/${inv.invoice.id}/pdf`, {});
    const fileId = moved.body.data.file_id as number;
    expect((await bytesOf(t, `/api/v1/files/${fileId}/download`)).bytes.equals(old)).toBe(true);
    expect((await bytesOf(t, `/api/ext/invoices/${inv.invoice.id}/pdf`)).bytes.equals(old)).toBe(true);
  });
});
