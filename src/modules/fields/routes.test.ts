import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stagesOf } from '../../../test/factories/pipelines.ts';
import { newTenant } from '../../../test/helpers/app.ts';
import { fieldRows, optionRows, v2Add } from '../../../test/helpers/fields.ts';
import { auditEvents } from '../audit/tables.ts';
import { V1Field, V1NoteField, V2Field } from './schema.ts';
import { SYSTEM_FIELDS } from './system.ts';
import { ADDRESS_PARTS } from './types.ts';

const HEX40 = /^[0-9a-f]{40}$/;

describe('v1 field routes', () => {
  it('lists built-in fields then custom ones, adds, reads, renames, replaces options and deletes', async () => {
    const t = await newTenant();
    const builtIn = SYSTEM_FIELDS.deal.length;
    const list = await t.get('/api/v1/dealFields');
    expect(list.status).toBe(200);
    expect(list.body.data).toHaveLength(builtIn);
    expect(list.body.additional_data).toMatchObject({
      start: 0,
      limit: 100,
      more_items_in_collection: false,
    });
    for (const f of list.body.data) V1Field.parse(f);
    expect(list.body.data[1]).toMatchObject({ id: 2, key: 'title', edit_flag: false, mandatory_flag: true });

    const added = await t.post('/api/v1/dealFields', {
      name: 'Tier',
      field_type: 'enum',
      options: [{ label: 'Gold' }, { label: 'Silver' }],
    });
    expect(added.status).toBe(200);
    const field = V1Field.parse(added.body.data);
    expect(field).toMatchObject({
      name: 'Tier',
      field_type: 'enum',
      edit_flag: true,
      add_visible_flag: true,
    });
    expect(field.id).toBeGreaterThanOrEqual(10_000);
    expect(field.key).toMatch(HEX40);
    expect(field.add_time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const [gold, silver] = field.options as { id: number; label: string }[];
    expect([gold?.label, silver?.label]).toEqual(['Gold', 'Silver']);

    expect((await t.get(`/api/v1/dealFields/${field.id}`)).body.data).toEqual(added.body.data);
    expect((await t.get('/api/v1/dealFields/2')).body.data.key).toBe('title');

    // options are replaced as a whole: Gold renamed, Silver left out (deleted), Bronze added
    const put = await t.put(`/api/v1/dealFields/${field.id}`, {
      name: 'Customer tier',
      options: [{ id: gold?.id, label: 'Platinum' }, { label: 'Bronze' }],
    });
    expect(put.status).toBe(200);
    expect(put.body.data.name).toBe('Customer tier');
    expect(put.body.data.options.map((o: { label: string }) => o.label)).toEqual(['Platinum', 'Bronze']);
    expect(put.body.data.options[0].id).toBe(gold?.id);
    expect(put.body.data.options_deleted).toEqual([{ id: silver?.id, label: 'Silver' }]);

    const page = await t.get('/api/v1/dealFields', { start: builtIn - 1, limit: 1 });
    expect(page.body.data.map((f: { key: string }) => f.key)).toEqual([SYSTEM_FIELDS.deal[builtIn - 1]?.key]);
    expect(page.body.additional_data.more_items_in_collection).toBe(true);
    const last = await t.get('/api/v1/dealFields', { start: builtIn, limit: 1 });
    expect(last.body.data.map((f: { id: number }) => f.id)).toEqual([field.id]);
    expect(last.body.additional_data.more_items_in_collection).toBe(false);

    expect((await t.del(`/api/v1/dealFields/${field.id}`)).body).toEqual({
      success: true,
      data: { id: field.id },
    });
    expect((await t.get(`/api/v1/dealFields/${field.id}`)).status).toBe(404);
    expect((await t.get('/api/v1/dealFields')).body.data).toHaveLength(builtIn);
    // soft: the definition stays (values keep their name in history)
    expect((await fieldRows(t))[0]).toMatchObject({ isDeleted: true, name: 'Customer tier' });
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'field')));
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'delete']);
  });

  it('gives subfields for monetary, range and address fields, and deletes many at once', async () => {
    const t = await newTenant();
    const ids: number[] = [];
    for (const field_type of ['monetary', 'daterange', 'address', 'varchar']) {
      const res = await t.post('/api/v1/personFields', { name: `F ${field_type}`, field_type });
      expect(res.status).toBe(200);
      ids.push(res.body.data.id);
      const subs = (res.body.data.subfields ?? []).map((s: { key: string }) => s.key.slice(41));
      expect(subs).toEqual(
        {
          monetary: ['currency'],
          daterange: ['until'],
          address: [...ADDRESS_PARTS],
          varchar: [],
        }[field_type],
      );
    }
    // all or nothing: an unknown id deletes none
    const bad = await t.del(`/api/v1/personFields?ids=${ids[0]},999999`);
    expect(bad.status).toBe(404);
    expect((await fieldRows(t)).filter((r) => r.isDeleted)).toHaveLength(0);
    const builtIn = await t.del(`/api/v1/personFields?ids=${ids[0]},2`);
    expect(builtIn.status).toBe(400);
    const ok = await t.del(`/api/v1/personFields?ids=${ids.slice(0, 3).join(',')}`);
    expect(ok.body).toEqual({ success: true, data: { id: ids.slice(0, 3) } });
    expect(
      (await t.get('/api/v1/personFields', { start: SYSTEM_FIELDS.person.length })).body.data,
    ).toHaveLength(1);
  });

  it('lists product, lead, activity and note fields; lead fields are the deal fields without formulas', async () => {
    const t = await newTenant();
    const product = await t.post('/api/v1/productFields', {
      name: 'Colour',
      field_type: 'set',
      options: [{ label: 'Red' }],
    });
    expect(product.status).toBe(200);
    expect((await t.get('/api/v1/productFields')).body.data.at(-1).key).toBe(product.body.data.key);

    const plain = await v2Add(t, 'deal', { field_name: 'Margin', field_type: 'double' });
    const formula = await v2Add(t, 'deal', { field_name: 'Margin x2', field_type: 'double' });
    expect(
      (
        await t.put(`/api/ext/dealFields/${formula.field_code}/formula`, {
          expression: `{${plain.field_code}} * 2`,
        })
      ).status,
    ).toBe(200);
    const leads = await t.get('/api/v1/leadFields');
    expect(leads.status).toBe(200);
    const keys = leads.body.data.map((f: { key: string }) => f.key);
    expect(keys).toContain('title');
    expect(keys).toContain(plain.field_code);
    expect(keys).not.toContain(formula.field_code);
    for (const f of leads.body.data) V1Field.parse(f);

    const activity = await t.get('/api/v1/activityFields');
    expect(activity.body.data.map((f: { key: string }) => f.key)).toEqual(
      SYSTEM_FIELDS.activity.map((f) => f.key),
    );
    const notes = await t.get('/api/v1/noteFields');
    expect(notes.body.data).toHaveLength(SYSTEM_FIELDS.note.length);
    for (const f of notes.body.data) V1NoteField.parse(f);
  });
});

describe('v2 field routes', () => {
  it('adds with settings, answers them only when asked for, and pages with a cursor', async () => {
    const t = await newTenant();
    const { pipeline, stages } = await stagesOf(t);
    const added = await t.post('/api/v2/dealFields', {
      field_name: 'Budget',
      field_type: 'monetary',
      description: 'Budget of the buyer',
      ui_visibility: {
        add_visible_flag: true,
        show_in_pipelines: { show_in_all: false, pipeline_ids: [pipeline] },
      },
      important_fields: { enabled: true, stage_ids: [stages[0]] },
      required_fields: { enabled: true, stage_ids: [stages[1]], statuses: { [pipeline]: ['won'] } },
      unknown_extra: 1,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const code = added.body.data.field_code;
    expect(V2Field.parse(added.body.data)).toEqual({
      field_code: code,
      field_name: 'Budget',
      field_type: 'monetary',
      is_custom_field: true,
      is_optional_response_field: false,
      description: 'Budget of the buyer',
      options: null,
      subfields: [{ field_code: `${code}_currency`, field_name: 'Budget - Currency', field_type: 'varchar' }],
    });
    const full = await t.get(`/api/v2/dealFields/${code}`, {
      include_fields: 'ui_visibility,important_fields,required_fields',
    });
    expect(full.body.data).toMatchObject({
      ui_visibility: {
        add_visible_flag: true,
        details_visible_flag: true,
        show_in_pipelines: { show_in_all: false, pipeline_ids: [pipeline] },
      },
      important_fields: { enabled: true, stage_ids: [stages[0]] },
      required_fields: { enabled: true, stage_ids: [stages[1]], statuses: { [pipeline]: ['won'] } },
    });
    // v1 shows the flags the settings decide
    const v1 = (await t.get('/api/v1/dealFields', { start: SYSTEM_FIELDS.deal.length })).body.data[0];
    expect(v1).toMatchObject({ add_visible_flag: true, important_flag: true, mandatory_flag: true });

    const patched = await t.patch(`/api/v2/dealFields/${code}`, {
      field_name: 'Buyer budget',
      ui_visibility: { show_in_pipelines: { show_in_all: true } },
    });
    expect(patched.status).toBe(200);
    const after = await t.get(`/api/v2/dealFields/${code}`, { include_fields: 'ui_visibility' });
    expect(after.body.data.field_name).toBe('Buyer budget');
    expect(after.body.data.ui_visibility.show_in_pipelines).toEqual({
      show_in_all: true,
      pipeline_ids: [pipeline],
    });
    expect(after.body.data.important_fields).toBeUndefined();

    // built-in fields by field_code, v2 names
    expect((await t.get('/api/v2/dealFields/owner_id')).body.data).toMatchObject({
      field_code: 'owner_id',
      is_custom_field: false,
    });

    // cursor pages cover every field once, in order
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.get('/api/v2/dealFields', { limit: 7, cursor });
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(7);
      seen.push(...page.body.data.map((f: { field_code: string }) => f.field_code));
      cursor = page.body.additional_data.next_cursor ?? undefined;
    } while (cursor);
    const all = await t.get('/api/v2/dealFields', { limit: 500 });
    expect(seen).toEqual(all.body.data.map((f: { field_code: string }) => f.field_code));
    expect(seen.at(-1)).toBe(code);
    expect(seen).toHaveLength(SYSTEM_FIELDS.deal.length + 1);

    const deleted = await t.del(`/api/v2/dealFields/${code}`);
    expect(deleted.body.data).toMatchObject({
      field_code: code,
      field_name: 'Buyer budget',
      is_custom_field: true,
    });
    expect((await t.get(`/api/v2/dealFields/${code}`)).status).toBe(404);
  });

  it('pages through built-in and custom fields alike, with a cursor and with an offset', async () => {
    const t = await newTenant();
    const codes: string[] = [];
    for (const n of [1, 2, 3, 4, 5])
      codes.push((await v2Add(t, 'product', { field_name: `P${n}`, field_type: 'double' })).field_code);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await t.get('/api/v2/productFields', { limit: 4, cursor });
      seen.push(...page.body.data.map((f: { field_code: string }) => f.field_code));
      cursor = page.body.additional_data.next_cursor ?? undefined;
      pages++;
    } while (cursor);
    const builtIn = SYSTEM_FIELDS.product.map((f) => f.code ?? f.key);
    expect(seen).toEqual([...builtIn, ...codes]);
    expect(pages).toBe(Math.ceil(seen.length / 4));
    expect((await t.get('/api/v2/productFields', { cursor: 'bm90IGEgY3Vyc29y' })).status).toBe(400);

    const offsets: string[] = [];
    for (let start = 0; start < seen.length; start += 3)
      offsets.push(
        ...(await t.get('/api/v1/productFields', { start, limit: 3 })).body.data.map(
          (f: { key: string }) => f.key,
        ),
      );
    expect(offsets).toEqual([...SYSTEM_FIELDS.product.map((f) => f.key), ...codes]);
  });

  it('adds, renames and deletes options atomically', async () => {
    const t = await newTenant();
    const field = await v2Add(t, 'organization', {
      field_name: 'Segment',
      field_type: 'set',
      options: [{ label: 'SMB' }],
    });
    const url = `/api/v2/organizationFields/${field.field_code}/options`;
    const added = await t.post(url, [{ label: 'Mid' }, { label: 'Enterprise' }]);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ success: true, additional_data: null });
    expect(added.body.data.map((o: { label: string }) => o.label)).toEqual(['Mid', 'Enterprise']);
    const [mid, ent] = added.body.data as { id: number }[];

    const before = await optionRows(t);
    // an unknown id fails the whole call, nothing changes
    const bad = await t.patch(url, [
      { id: mid?.id, label: 'Mid-market' },
      { id: 999_999, label: 'X' },
    ]);
    expect(bad.status).toBe(404);
    expect(bad.body.error).toContain('999999');
    expect(await optionRows(t)).toEqual(before);
    expect((await t.del(url, [{ id: ent?.id }, { id: 999_999 }])).status).toBe(404);
    expect(await optionRows(t)).toEqual(before);

    const renamed = await t.patch(url, [{ id: mid?.id, label: 'Mid-market' }]);
    expect(renamed.body.data).toEqual([{ id: mid?.id, label: 'Mid-market' }]);
    const gone = await t.del(url, [{ id: ent?.id }]);
    expect(gone.body.data).toEqual([{ id: ent?.id, label: 'Enterprise' }]);
    const now = await t.get(`/api/v2/organizationFields/${field.field_code}`);
    expect(now.body.data.options.map((o: { label: string }) => o.label)).toEqual(['SMB', 'Mid-market']);
    // options of another field are not this field's
    const other = await v2Add(t, 'organization', {
      field_name: 'Other',
      field_type: 'enum',
      options: [{ label: 'A' }],
    });
    const foreign = other.options?.[0]?.id;
    expect((await t.patch(url, [{ id: foreign, label: 'B' }])).status).toBe(404);
    // a varchar field has no options
    const text = await v2Add(t, 'organization', { field_name: 'Note', field_type: 'varchar' });
    expect(
      (await t.post(`/api/v2/organizationFields/${text.field_code}/options`, [{ label: 'A' }])).status,
    ).toBe(400);
  });

  it('lists activity fields read-only', async () => {
    const t = await newTenant();
    const list = await t.get('/api/v2/activityFields', { include_fields: 'ui_visibility' });
    expect(list.status).toBe(200);
    expect(list.body.data.map((f: { field_code: string }) => f.field_code)).toContain('owner_id');
    for (const f of list.body.data) expect(V2Field.parse(f).ui_visibility).toBeDefined();
    expect((await t.get('/api/v2/activityFields/subject')).body.data.field_name).toBe('Subject');
    expect((await t.get('/api/v2/activityFields/nope')).status).toBe(404);
    expect((await t.get('/api/v2/activityFields', { include_fields: 'required_fields' })).status).toBe(400);
  });
});
