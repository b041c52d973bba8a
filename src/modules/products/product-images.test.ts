import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeProduct } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { productImages } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

/** A 1×1 PNG and a 1×1 GIF: real images, read back byte for byte. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

async function send(
  t: Tenant,
  method: 'POST' | 'PUT',
  id: number,
  bytes: Buffer,
  opts: { part?: string; name?: string; type?: string } = {},
) {
  const form = new FormData();
  form.append(
    opts.part ?? 'data',
    new Blob([bytes], { type: opts.type ?? 'image/png' }),
    opts.name ?? 'pic.png',
  );
  const res = new Response(form);
  const out = await t.app.inject({
    method,
    url: `/api/v2/products/${id}/images`,
    headers: { 'x-api-token': t.token, 'content-type': res.headers.get('content-type') as string },
    payload: Buffer.from(await res.arrayBuffer()),
  });
  return { status: out.statusCode, body: out.json() };
}

async function bytesOf(t: Tenant, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { 'x-api-token': t.token } });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

const imageRows = (t: Tenant, productId: number) =>
  t.db
    .select()
    .from(productImages)
    .where(and(eq(productImages.companyId, t.companyId), eq(productImages.productId, productId)));

describe('v2 product images', () => {
  it('uploads, reads back byte for byte, replaces and deletes the one image of a product', async () => {
    const t = await newTenant();
    const p = await makeProduct(t, { name: 'Poster' });
    expect((await t.get(`/api/v2/products/${p.id}/images`)).status).toBe(404);

    const added = await send(t, 'POST', p.id, PNG, { type: 'text/html' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(Object.keys(added.body.data).sort()).toEqual(['add_time', 'company_id', 'id', 'product_id']);
    expect(added.body.data).toMatchObject({ product_id: p.id, company_id: String(t.companyId) });

    const got = await t.get(`/api/v2/products/${p.id}/images`);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({
      id: added.body.data.id,
      product_id: p.id,
      mime_type: 'image/png', // sniffed, not the text/html the request claimed
      name: 'pic.png',
    });
    const url = new URL(got.body.data.public_url);
    expect(url.pathname).toBe(`/api/ext/products/${p.id}/image`);
    const read = await bytesOf(t, url.pathname);
    expect(read.status).toBe(200);
    expect(Buffer.compare(read.bytes, PNG)).toBe(0);
    expect(read.headers['content-type']).toBe('image/png');
    expect(read.headers['x-content-type-options']).toBe('nosniff');
    expect(String(read.headers['content-security-policy'])).toContain('sandbox');

    // one image per product: a second POST is refused, PUT replaces
    const again = await send(t, 'POST', p.id, GIF, { type: 'image/gif', name: 'b.gif' });
    expect(again.status).toBe(409);
    expect(Buffer.compare((await bytesOf(t, url.pathname)).bytes, PNG)).toBe(0);
    const replaced = await send(t, 'PUT', p.id, GIF, { type: 'image/gif', name: 'b.gif' });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body.data.id).not.toBe(added.body.data.id);
    const after = await bytesOf(t, url.pathname);
    expect(Buffer.compare(after.bytes, GIF)).toBe(0);
    expect(after.headers['content-type']).toBe('image/gif');
    expect(await imageRows(t, p.id)).toHaveLength(1);

    const removed = await t.del(`/api/v2/products/${p.id}/images`);
    expect(removed.body).toEqual({ success: true, data: { id: replaced.body.data.id } });
    expect((await t.get(`/api/v2/products/${p.id}/images`)).status).toBe(404);
    expect((await bytesOf(t, url.pathname)).status).toBe(404);
    expect((await t.del(`/api/v2/products/${p.id}/images`)).status).toBe(404);

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'product_image')));
    expect(events.map((e) => e.action).sort()).toEqual(['change', 'create', 'delete']);
  });

  it('refuses a non-image, an SVG, an empty file and a wrong part, storing nothing', async () => {
    const t = await newTenant();
    const p = await makeProduct(t);
    const text = await send(t, 'POST', p.id, Buffer.from('just text'), { type: 'image/png' });
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ success: false });
    expect(text.body.error).toContain('data');
    const svg = await send(t, 'POST', p.id, SVG, { type: 'image/svg+xml', name: 'x.svg' });
    expect(svg.status).toBe(415);
    expect(svg.body.error).toContain('image/svg+xml');
    const empty = await send(t, 'POST', p.id, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    const wrongPart = await send(t, 'POST', p.id, PNG, { part: 'file' });
    expect(wrongPart.status).toBe(400);
    expect(wrongPart.body.error).toContain('data');
    const notMultipart = await t.post(`/api/v2/products/${p.id}/images`, { data: 'x' });
    expect([400, 415]).toContain(notMultipart.status);
    expect(await imageRows(t, p.id)).toHaveLength(0);
  });

  it("answers 404 for another company's product, and its image stays its own", async () => {
    const t = await newTenant();
    const other = await newTenant();
    const theirs = await makeProduct(other, { name: 'Theirs' });
    expect((await send(other, 'POST', theirs.id, PNG)).status).toBe(201);
    expect((await send(t, 'POST', theirs.id, PNG)).status).toBe(404);
    expect((await send(t, 'PUT', theirs.id, PNG)).status).toBe(404);
    expect((await t.get(`/api/v2/products/${theirs.id}/images`)).status).toBe(404);
    expect((await bytesOf(t, `/api/ext/products/${theirs.id}/image`)).status).toBe(404);
    expect((await t.del(`/api/v2/products/${theirs.id}/images`)).status).toBe(404);
    expect(await imageRows(other, theirs.id)).toHaveLength(1);
    expect((await t.get('/api/v2/products/999999999/images')).status).toBe(404);
  });
});
