import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument, schemaFile, schemaSource } from '../scripts/openapi.ts';
import { User } from '../src/modules/users/schema.ts';
import { newTenant, testApp } from './helpers/app.ts';

describe("the web app's API types", () => {
  it('are generated from the server as it is (run `npm run gen:api` when this fails)', async () => {
    const doc = await openapiDocument(await testApp());
    const fresh = await schemaSource(doc);
    const committed = fs.readFileSync(schemaFile, 'utf8');
    // toBe on the whole file would print 300 kB; compare, then show the first line that differs
    if (fresh !== committed) {
      const a = fresh.split('\n');
      const b = committed.split('\n');
      let i = 0;
      while (a[i] === b[i]) i++;
      expect(b[i], `web/src/api/schema.d.ts is stale from line ${i + 1}`).toBe(a[i]);
    }
    expect(fresh).toContain('"/api/v2/stages"');
  });

  it('describe users as the server sends them', async () => {
    const t = await newTenant();
    const res = await t.get('/api/v1/users');
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    for (const u of res.body.data) expect(() => User.strict().parse(u)).not.toThrow();
    const one = (await t.get(`/api/v1/users/${t.userId}`)).body.data;
    expect(() => User.strict().parse(one)).not.toThrow();
  });
});
