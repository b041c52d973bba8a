import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backdatePersonDeletion,
  makeDeal,
  makeOrganization,
  makePerson,
} from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { testDatabase } from '../../../test/helpers/db.ts';
import { buildApp } from '../../app.ts';
import { auditEvents } from '../audit/tables.ts';
import { deals } from '../deals/tables.ts';
import { purgeDeletedItems } from '../retention/purge-deleted.ts';
import { File } from './schema.ts';
import { localDiskStorage } from './storage.ts';
import { files } from './tables.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const LIMIT = 256 * 1024;

let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  await testApp();
  dir = await mkdtemp(path.join(os.tmpdir(), 'pw-files-test-'));
  app = await buildApp({
    database: await testDatabase(),
    files: { storage: localDiskStorage(dir), maxBytes: LIMIT },
  });
});
afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Every stored object under the storage folder. */
async function storedKeys(): Promise<string[]> {
  const out: string[] = [];
  for (const sub of await readdir(dir).catch(() => [] as string[]))
    for (const f of await readdir(path.join(dir, sub))) out.push(f);
  return out.sort();
}

async function multipart(fields: [string, string | Blob, string?][]) {
  const form = new FormData();
  for (const [k, v, name] of fields) {
    if (typeof v === 'string') form.append(k, v);
    else form.append(k, v, name);
  }
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') as string };
}

async function upload(t: Tenant, fields: [string, string | Blob, string?][]) {
  const { body, type } = await multipart(fields);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { 'x-api-token': t.token, 'content-type': type },
    payload: body,
  });
  return { status: res.statusCode, body: res.json() };
}

async function download(t: Tenant, id: number, query = '') {
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/files/${id}/download${query}`,
    headers: { 'x-api-token': t.token },
  });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

const blob = (b: Buffer | string, type = 'application/octet-stream') => new Blob([b], { type });

describe('v1 files', () => {
  it('uploads, lists, gets, downloads byte for byte, renames and deletes a file in Pipedrive shape', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { title: 'Acme deal' });
    const person = await makePerson(t, { name: 'Ann Person' });
    const before = await storedKeys();
    const added = await upload(t, [
      ['file', blob(PNG, 'text/html'), 'pixel.png'],
      ['deal_id', String(deal.id)],
      ['person_id', String(person.id)],
    ]);
    expect(added.status).toBe(201);
    const file = File.parse(added.body.data);
    expect(file).toMatchObject({
      deal_id: deal.id,
      person_id: person.id,
      deal_name: 'Acme deal',
      person_name: 'Ann Person',
      file_name: 'pixel.png',
      name: 'pixel.png',
      file_size: PNG.length,
      active_flag: true,
      mime_type: 'image/png', // sniffed, not the text/html the request claimed
      file_type: 'img',
      previewable: true,
      url: `/api/v1/files/${file.id}/download`,
    });
    expect((await storedKeys()).length).toBe(before.length + 1);

    const got = await t.get(`/api/v1/files/${file.id}`);
    expect(got.body.data).toEqual(file);
    const list = await t.get('/api/v1/files', { sort: 'update_time DESC', limit: 10 });
    expect(list.body.data.map((f: { id: number }) => f.id)).toEqual([file.id]);
    expect(list.body.additional_data.pagination).toMatchObject({
      start: 0,
      limit: 10,
      more_items_in_collection: false,
    });
    for (const p of [`/api/v1/deals/${deal.id}/files`, `/api/v1/persons/${person.id}/files`]) {
      expect((await t.get(p)).body.data.map((f: { id: number }) => f.id)).toEqual([file.id]);
    }

    const d = await download(t, file.id);
    expect(d.status).toBe(200);
    expect(Buffer.compare(d.bytes, PNG)).toBe(0);
    expect(d.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': `attachment; filename="pixel.png"; filename*=UTF-8''pixel.png`,
      'x-content-type-options': 'nosniff',
    });
    expect(String(d.headers['content-security-policy'])).toContain('sandbox');
    expect((await download(t, file.id, '?inline=1')).headers['content-disposition']).toMatch(/^inline;/);

    // PUT, urlencoded, as the client sends it
    const put = await app.inject({
      method: 'PUT',
      url: `/api/v1/files/${file.id}`,
      headers: { 'x-api-token': t.token, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'Offert å.png', description: 'Signed' }).toString(),
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().data).toMatchObject({
      name: 'Offert å.png',
      description: 'Signed',
      file_name: 'pixel.png',
    });
    expect((await download(t, file.id)).headers['content-disposition']).toBe(
      `attachment; filename="Offert _.png"; filename*=UTF-8''Offert%20%C3%A5.png`,
    );

    const del = await t.del(`/api/v1/files/${file.id}`);
    expect(del.body).toEqual({ success: true, data: { id: file.id } });
    expect((await t.get(`/api/v1/files/${file.id}`)).status).toBe(404);
    expect((await download(t, file.id)).status).toBe(404);
    expect((await t.get('/api/v1/files')).body.data).toEqual([]);
    const withDeleted = await t.get('/api/v1/files', { include_deleted_files: 1 });
    expect(withDeleted.body.data).toMatchObject([{ id: file.id, active_flag: false }]);

    const events = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'file')));
    expect(events.map((e) => e.action).sort()).toEqual(['change', 'create', 'delete']);
  });

  it('refuses an empty file, one over the limit, a missing or unknown link, and a body that is not multipart', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const before = await storedKeys();
    const empty = await upload(t, [
      ['file', blob(Buffer.alloc(0)), 'empty.txt'],
      ['deal_id', String(deal.id)],
    ]);
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ success: false });
    expect(empty.body.error).toContain('file');

    const big = await upload(t, [
      ['file', blob(Buffer.alloc(LIMIT + 1, 7)), 'big.bin'],
      ['deal_id', String(deal.id)],
    ]);
    expect(big.status).toBe(413);
    expect(big.body.error).toContain(String(LIMIT));

    const unknown = await upload(t, [
      ['file', blob('hi'), 'a.txt'],
      ['deal_id', '999999999'],
    ]);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/Deal/);
    const none = await upload(t, [['file', blob('hi'), 'a.txt']]);
    expect(none.status).toBe(400);
    expect(none.body.error).toContain('deal_id');
    const badId = await upload(t, [
      ['file', blob('hi'), 'a.txt'],
      ['deal_id', 'abc'],
    ]);
    expect(badId.status).toBe(400);
    expect(badId.body.error).toContain('deal_id');
    const noFile = await upload(t, [['deal_id', String(deal.id)]]);
    expect(noFile.status).toBe(400);
    expect(noFile.body.error).toContain('file');
    const json = await t.post('/api/v1/files', { deal_id: deal.id });
    expect(json.status).toBe(415);

    expect(await storedKeys()).toEqual(before);
    const rows = await t.db.select().from(files).where(eq(files.companyId, t.companyId));
    expect(rows).toEqual([]);
  });

  it('cleans a name of paths and control characters and keeps the bytes under a key of its own', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const added = await upload(t, [
      ['file', blob('plain text'), '../../etc/pass\u0000wd\r\n\u202Egnp.txt'],
      ['deal_id', String(deal.id)],
    ]);
    expect(added.status).toBe(201);
    expect(added.body.data.name).toBe('passwd gnp.txt');
    const [row] = await t.db.select().from(files).where(eq(files.id, added.body.data.id));
    expect(row?.storageKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(await storedKeys()).toContain(row?.storageKey);
    const dots = await upload(t, [
      ['file', blob('x'), '..'],
      ['deal_id', String(deal.id)],
    ]);
    expect(dots.body.data.name).toBe('file');
  });

  it('serves HTML and an SVG with a script as attachments of application/octet-stream, never inline', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const samples = {
      'page.html': ['<!doctype html><html><body><script>alert(1)</script></body></html>', 'text/html'],
      'logo.svg': [
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
        'image/svg+xml',
      ],
      'claims-png.png': ['<html><script>alert(1)</script>', 'text/html'],
    };
    for (const [name, [content, sniffed]] of Object.entries(samples)) {
      const added = await upload(t, [
        ['file', blob(content as string, 'image/png'), name],
        ['deal_id', String(deal.id)],
      ]);
      expect(added.status).toBe(201);
      expect(added.body.data).toMatchObject({ mime_type: sniffed, previewable: false });
      for (const q of ['', '?inline=1']) {
        const d = await download(t, added.body.data.id, q);
        expect(d.headers['content-type']).toBe('application/octet-stream');
        expect(String(d.headers['content-disposition'])).toMatch(/^attachment;/);
        expect(d.headers['x-content-type-options']).toBe('nosniff');
        expect(String(d.headers['content-security-policy'])).toContain('sandbox');
        expect(d.bytes.toString()).toBe(content);
      }
    }
    const txt = await upload(t, [
      ['file', blob('just words'), 'notes.txt'],
      ['deal_id', String(deal.id)],
    ]);
    expect((await download(t, txt.body.data.id)).headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it("keeps a deleted deal's files for its restore, and a merge moves a person's files", async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const added = await upload(t, [
      ['file', blob('x'), 'a.txt'],
      ['deal_id', String(deal.id)],
    ]);
    const id = added.body.data.id;
    expect((await t.del(`/api/v2/deals/${deal.id}`)).status).toBe(200);
    expect((await t.get(`/api/v1/deals/${deal.id}/files`)).status).toBe(404);
    const [kept] = await t.db.select().from(files).where(eq(files.id, id));
    expect(kept).toMatchObject({ isDeleted: false, dealId: deal.id });
    // what a restore does to the deal (no restore route for deals yet): its files are there again
    await t.db.update(deals).set({ isDeleted: false, deleteTime: null }).where(eq(deals.id, deal.id));
    expect(
      (await t.get(`/api/v1/deals/${deal.id}/files`)).body.data.map((f: { id: number }) => f.id),
    ).toEqual([id]);

    const ann = await makePerson(t, { name: 'Ann' });
    const ann2 = await makePerson(t, { name: 'Ann two' });
    const org = await makeOrganization(t, { name: 'Org' });
    const pf = await upload(t, [
      ['file', blob('y'), 'b.txt'],
      ['person_id', String(ann.id)],
      ['org_id', String(org.id)],
    ]);
    const merged = await t.put(`/api/v1/persons/${ann.id}/merge`, { merge_with_id: ann2.id });
    expect(merged.status).toBe(200);
    const moved = await t.get(`/api/v1/persons/${ann2.id}/files`);
    expect(moved.body.data).toMatchObject([
      { id: pf.body.data.id, person_id: ann2.id, person_name: 'Ann two' },
    ]);
    expect((await t.get(`/api/v1/organizations/${org.id}/files`)).body.data).toHaveLength(1);
  });

  it('links remote files and validates the urlencoded bodies', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const form = (url: string, body: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { 'x-api-token': t.token, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(body).toString(),
      });
    const link = await form('/api/v1/files/remoteLink', {
      item_type: 'deal',
      item_id: String(deal.id),
      remote_id: 'abc123',
      remote_location: 'googledrive',
    });
    expect(link.statusCode).toBe(201);
    expect(link.json().data).toMatchObject({
      deal_id: deal.id,
      remote_id: 'abc123',
      remote_location: 'googledrive',
    });
    expect((await download(t, link.json().data.id)).status).toBe(404);
    const made = await form('/api/v1/files/remote', {
      file_type: 'gdoc',
      title: 'Proposal',
      item_type: 'deal',
      item_id: String(deal.id),
      remote_location: 'googledrive',
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().data).toMatchObject({ name: 'Proposal', file_type: 'gdoc' });
    const bad = await form('/api/v1/files/remote', {
      file_type: 'gdoc',
      title: 'x',
      item_type: 'lead',
      item_id: String(deal.id),
      remote_location: 'dropbox',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/item_type|remote_location/);
    const missing = await form('/api/v1/files/remoteLink', {
      item_type: 'person',
      item_id: '999999999',
      remote_id: 'a',
      remote_location: 'googledrive',
    });
    expect(missing.statusCode).toBe(404);
    const rename = await app.inject({
      method: 'PUT',
      url: `/api/v1/files/${made.json().data.id}`,
      headers: { 'x-api-token': t.token, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=',
    });
    expect(rename.statusCode).toBe(400);
    expect(rename.json().error).toContain('name');
  });

  it('deletes the files that hung only on a purged person, and unlinks the others', async () => {
    const t = await newTenant();
    const person = await makePerson(t);
    const org = await makeOrganization(t);
    const own = await upload(t, [
      ['file', blob('own'), 'own.txt'],
      ['person_id', String(person.id)],
    ]);
    const shared = await upload(t, [
      ['file', blob('shared'), 'shared.txt'],
      ['person_id', String(person.id)],
      ['org_id', String(org.id)],
    ]);
    expect((await t.del(`/api/v2/persons/${person.id}`)).status).toBe(200);
    await backdatePersonDeletion(t, person.id, 31);
    await purgeDeletedItems(t.ctx);
    const rows = await t.db.select().from(files).where(eq(files.companyId, t.companyId));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(own.body.data.id)).toMatchObject({ isDeleted: true, personId: null });
    expect(byId.get(shared.body.data.id)).toMatchObject({ isDeleted: false, personId: null, orgId: org.id });
    expect((await t.get('/api/v1/files')).body.data.map((f: { id: number }) => f.id)).toEqual([
      shared.body.data.id,
    ]);
  });
});
