import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeDocument,
  makeDocumentTemplate,
  makeField,
  makeLead,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { pdfText } from '../../../test/helpers/pdf-text.ts';
import { documentShares } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

/** A deal of Åsa Öberg at Öberg AB with a one-time line (25 % on top) and a monthly one for 12 cycles. */
async function offerDeal(t: Tenant, title = 'Kontorsmöbler') {
  const org = await makeOrganization(t, { name: 'Öberg & Ängström AB' });
  const person = await makePerson(t, {
    name: 'Åsa Öberg',
    emails: [{ value: 'asa@oberg.se', primary: true }],
  });
  const deal = await makeDeal(t, { title, currency: 'SEK', org_id: org.id, person_id: person.id });
  const product = (await t.post('/api/v2/products', { name: 'Skrivbord' })).body.data as { id: number };
  const add = await t.post(`/api/v2/deals/${deal.id}/products/bulk`, {
    data: [
      { product_id: product.id, item_price: 1999.99, quantity: 3, tax: 25, tax_method: 'exclusive' },
      {
        product_id: product.id,
        item_price: 100.1,
        quantity: 1,
        tax: 0,
        tax_method: 'exclusive',
        billing_frequency: 'monthly',
        billing_frequency_cycles: 12,
      },
    ],
  });
  expect(add.status, JSON.stringify(add.body)).toBe(200);
  return deal;
}

const page = (t: Tenant, url: string, o: { method?: 'GET' | 'POST'; payload?: string; ip?: string } = {}) =>
  t.app.inject({
    method: o.method ?? 'GET',
    url,
    remoteAddress: o.ip ?? '203.0.113.7',
    headers: {
      'user-agent': 'TestBrowser/1.0',
      ...(o.payload !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(o.payload !== undefined ? { payload: o.payload } : {}),
  });

async function shareOf(t: Tenant, id: number) {
  const res = await t.post(`/api/ext/documents/${id}/shares`, {});
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const share = (res.body.data.shares as { id: number; url: string | null }[])[0];
  if (!share?.url) throw new Error('no url');
  return { id: share.id, url: share.url };
}

describe('document templates', () => {
  it('sanitises the body and refuses an unknown placeholder by name', async () => {
    const t = await newTenant();
    const field = await makeField(t, 'deal', { name: 'Kontraktslängd', field_type: 'varchar' });
    const ok = await t.post('/api/ext/document-templates', {
      name: 'Avtal',
      body: `<h1 onclick="x()">Avtal</h1><script>alert(1)</script><p style="color:red">{{ deal.title }} — {{deal.custom.${field.key}}}</p><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)>`,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const body = ok.body.data.body as string;
    expect(body).not.toMatch(/script|onclick|onerror|javascript|style|<img/i);
    expect(body).toContain(`<h1>Avtal</h1>`);
    expect(body).toContain(`{{deal.custom.${field.key}}}`);

    const bad = await t.post('/api/ext/document-templates', { name: 'X', body: '<p>{{deal.secret}}</p>' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('{{deal.secret}}');
    expect(bad.body.error).toContain('body');
    const list = await t.get('/api/ext/document-templates');
    expect(list.body.data.map((x: { name: string }) => x.name)).toEqual(['Avtal']);

    const placeholders = await t.get('/api/ext/document-templates/placeholders');
    expect(placeholders.body.data).toContainEqual({
      key: `deal.custom.${field.key}`,
      group: 'custom',
      name: 'Kontraktslängd',
    });
  });
});

describe('documents', () => {
  it('fills a template from the deal with escaped values and an exact products table', async () => {
    const t = await newTenant();
    const deal = await offerDeal(t, '<script>alert(1)</script> {{owner.email}}');
    const template = await makeDocumentTemplate(t, {
      body: '<h1>Offert: {{deal.title}}</h1><p>Till {{person.name}}, {{organization.name}}</p><p>{{products}}</p><p>{{owner.name}}</p>',
    });
    const res = await t.post('/api/ext/documents', { deal_id: deal.id, template_id: template.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const doc = res.body.data;
    expect(doc).toMatchObject({ deal_id: deal.id, version: 1, title: 'Offer', accepted: null });
    expect(doc.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; {{owner.email}}');
    expect(doc.body).not.toContain('<script');
    expect(doc.body).toContain('Till Åsa Öberg, Öberg &amp; Ängström AB');
    // 3 × 1 999.99 + 25 % = 7 499.9625 → 7 499.96; the monthly line shows its cycles and its own total
    expect(doc.body, doc.body).toContain('<table>');
    expect(doc.body).toMatch(/7,499\.96/);
    expect(doc.body).toMatch(/Monthly \(12 cycles\)/);
    expect(doc.body).toMatch(/Tax<\/strong><\/td><td><strong>SEK\s1,499\.99/);
    expect(doc.body).toMatch(/Total \(monthly\)<\/strong><\/td><td><strong>SEK\s100\.10/);
  });

  it('refuses a lead, another company’s deal and another company’s document', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const template = await makeDocumentTemplate(t);
    const lead = await makeLead(t, { title: 'Lead' });
    const asLead = await t.post('/api/ext/documents', { deal_id: lead.id, template_id: template.id });
    expect(asLead.status).toBe(400);
    expect(asLead.body.error).toContain('deal_id');
    const foreignDeal = await makeDeal(other, { title: 'Theirs' });
    const foreign = await t.post('/api/ext/documents', { deal_id: foreignDeal.id, template_id: template.id });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error_info ?? foreign.body.error).toBeTruthy();

    const theirTemplate = await makeDocumentTemplate(other);
    const theirDoc = await makeDocument(other, { deal_id: foreignDeal.id, template_id: theirTemplate.id });
    expect((await t.get(`/api/ext/documents/${theirDoc.doc.id}`)).status).toBe(404);
    expect((await t.post(`/api/ext/documents/${theirDoc.doc.id}/pdf`)).status).toBe(404);
    expect((await t.post(`/api/ext/documents/${theirDoc.doc.id}/shares`, {})).status).toBe(404);
    const myDeal = await makeDeal(t, { title: 'Mine' });
    expect(
      (await t.post('/api/ext/documents', { deal_id: myDeal.id, template_id: theirTemplate.id })).status,
    ).toBe(404);
  });

  it('saves versions, stores a PDF on the deal whose text reads back, and lists it in the flow', async () => {
    const t = await newTenant();
    const deal = await offerDeal(t);
    const template = await makeDocumentTemplate(t);
    const doc = await makeDocument(t, { deal_id: deal.id, template_id: template.id, title: 'Offert Åsa' });
    const saved = await t.post(`/api/ext/documents/${doc.doc.id}/versions`, {
      body: '<h1>Offert</h1><p>Hej {{person.name}} och Åsa Öberg, <strong>välkommen</strong>!</p><ul><li>Ett</li><li>Två</li></ul><script>x</script>',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.data.version).toBe(2);
    expect(saved.body.data.body).not.toContain('<script');
    const versions = await t.get(`/api/ext/documents/${doc.doc.id}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    const pdf = await t.post(`/api/ext/documents/${doc.doc.id}/pdf`);
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(200);
    expect(pdf.body.data.name).toBe('Offert Åsa.pdf');
    const download = await t.app.inject({
      url: `/api/v1/files/${pdf.body.data.file_id}/download`,
      headers: { 'x-api-token': t.token },
    });
    expect(download.statusCode).toBe(200);
    const text = await pdfText(download.rawPayload);
    expect(text).toContain('Åsa Öberg');
    expect(text).toContain('välkommen');
    const files = await t.get(`/api/v1/deals/${deal.id}/files`);
    expect(files.body.data.map((f: { id: number }) => f.id)).toContain(pdf.body.data.file_id);
    const again = await t.get(`/api/ext/documents/${doc.doc.id}`);
    expect(again.body.data.file_id).toBe(pdf.body.data.file_id);

    const flow = await t.get(`/api/v1/deals/${deal.id}/flow`);
    const objects = flow.body.data.map((i: { object: string; data: { event?: string } }) =>
      i.object === 'document' ? `document:${i.data.event}` : i.object,
    );
    expect(objects).toContain('document:created');
    expect(objects).toContain('file');
    const onlyFiles = await t.get(`/api/v1/deals/${deal.id}/flow`, { items: 'file' });
    expect(onlyFiles.body.data.map((i: { object: string }) => i.object)).toEqual(['file']);
  });
});

describe('share links', () => {
  it('shows the newest version logged out, records one view per visitor, and takes one acceptance', async () => {
    const t = await newTenant();
    const deal = await offerDeal(t, 'Avtal <b>fet</b>');
    const template = await makeDocumentTemplate(t);
    const doc = await makeDocument(t, { deal_id: deal.id, template_id: template.id });
    const share = await shareOf(t, doc.doc.id);
    expect(share.url).toMatch(/^\/s\/[A-Za-z0-9_-]{43}$/);
    // the token itself is never stored
    const [row] = await t.db.select().from(documentShares).where(eq(documentShares.id, share.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(share.url.slice(3));
    expect((await t.get(`/api/ext/documents/${doc.doc.id}`)).body.data.shares[0].url).toBeNull();

    const view = await page(t, share.url);
    expect(view.statusCode).toBe(200);
    expect(view.body).toContain('Offer for Avtal &lt;b&gt;fet&lt;/b&gt;');
    expect(view.headers['content-security-policy']).toMatch(/default-src 'none'.*style-src 'nonce-/);
    expect(view.headers['referrer-policy']).toBe('no-referrer');
    expect(view.headers['x-robots-tag']).toContain('noindex');
    await page(t, share.url); // a reload by the same visitor is the same view
    await page(t, share.url, { ip: '198.51.100.9' });
    const seen = (await t.get(`/api/ext/documents/${doc.doc.id}`)).body.data;
    expect(seen.view_count).toBe(2);

    const noTick = await page(t, `${share.url}/accept`, {
      method: 'POST',
      payload: 'name=%C3%85sa+%C3%96berg',
    });
    expect(noTick.statusCode).toBe(400);
    expect(noTick.body).toContain('aria-invalid="true"');
    const accept = await page(t, `${share.url}/accept`, {
      method: 'POST',
      payload: 'name=%C3%85sa+%C3%96berg&agree=yes',
    });
    expect(accept.statusCode).toBe(303);
    const twice = await page(t, `${share.url}/accept`, {
      method: 'POST',
      payload: 'name=Mallory&agree=yes',
      ip: '192.0.2.66',
    });
    expect(twice.statusCode, twice.body).toBe(409);
    const accepted = (await t.get(`/api/ext/documents/${doc.doc.id}`)).body.data;
    expect(accepted.accepted).toMatchObject({
      name: 'Åsa Öberg',
      ip: '203.0.113.7',
      user_agent: 'TestBrowser/1.0',
      version: 1,
    });
    expect((await page(t, share.url)).body).toContain('Accepted by Åsa Öberg');
    const edit = await t.post(`/api/ext/documents/${doc.doc.id}/versions`, { body: '<p>changed</p>' });
    expect(edit.status).toBe(409);

    const flow = await t.get(`/api/v1/deals/${deal.id}/flow`, { items: 'document' });
    const events = flow.body.data.map((i: { data: { event: string } }) => i.data.event);
    expect(events.filter((e: string) => e === 'viewed')).toHaveLength(2);
    expect(events).toContain('accepted');
    expect(events).toContain('created');
  });

  it('answers the same 404 for unknown, revoked and expired links', async () => {
    const t = await newTenant();
    const deal = await offerDeal(t);
    const doc = await makeDocument(t, { deal_id: deal.id, template_id: (await makeDocumentTemplate(t)).id });
    const revoked = await shareOf(t, doc.doc.id);
    const expired = await shareOf(t, doc.doc.id);
    const live = await shareOf(t, doc.doc.id);
    const res = await t.del(`/api/ext/documents/${doc.doc.id}/shares/${revoked.id}`);
    expect(res.status).toBe(200);
    await t.db
      .update(documentShares)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(documentShares.id, expired.id));
    const bodies = [];
    for (const url of [
      revoked.url,
      expired.url,
      '/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '/s/short',
      '/s/%3Cscript%3E',
    ]) {
      const r = await page(t, url, { ip: '198.51.100.20' });
      expect(r.statusCode, url).toBe(404);
      bodies.push(r.body.replace(/nonce="[^"]+"/g, ''));
      const post = await page(t, `${url}/accept`, {
        method: 'POST',
        payload: 'name=X&agree=yes',
        ip: '198.51.100.21',
      });
      expect(post.statusCode, url).toBe(404);
    }
    expect(new Set(bodies).size, bodies.join('\n----\n')).toBe(1);
    expect((await page(t, live.url)).statusCode).toBe(200);
    const docNow = (await t.get(`/api/ext/documents/${doc.doc.id}`)).body.data;
    expect(docNow.accepted).toBeNull();
    expect(docNow.shares.find((s: { id: number }) => s.id === revoked.id).active).toBe(false);
  });
});
