import { describe, expect, it } from 'vitest';
import { SYSTEM_FIELDS } from '../../src/modules/fields/system.ts';
import { officialClient } from './server.ts';

type Client = Awaited<ReturnType<typeof officialClient>>;

// The v1 and v2 field classes of deals, persons and organizations differ only by name: one walk each.
type Call = (args?: Record<string, unknown>) => Promise<any>;
const api = (instance: object, name: string): Record<string, Call> =>
  new Proxy(instance as Record<string, Call>, {
    get: (target, method: string) => {
      const real = method.replace('X', name);
      const fn = target[real];
      if (typeof fn !== 'function') throw new Error(`no method ${real}`);
      return (fn as Call).bind(target);
    },
  });

const V1_CLASSES = [
  ['Deal', 'DealFieldsApi', 'deal'],
  ['Person', 'PersonFieldsApi', 'person'],
  ['Organization', 'OrganizationFieldsApi', 'organization'],
] as const;

async function walkV1(
  c: Client,
  name: string,
  className: string,
  entity: 'deal' | 'person' | 'organization',
) {
  const { v1, cfg1 } = c;
  const x = api(new (v1 as any)[className](cfg1), name);
  const list = await x.getXFields!({ start: 0, limit: 500 });
  expect(list.success).toBe(true);
  expect(list.data.length).toBe(SYSTEM_FIELDS[entity].length);
  const added = await x.addXField!({
    CreateFieldRequest: {
      name: `${name} kind`,
      field_type: 'enum',
      options: [{ label: 'A' }, { label: 'B' }],
    },
  });
  const id = added.data.id as number;
  expect(added.data).toMatchObject({ name: `${name} kind`, field_type: 'enum', edit_flag: true });
  const a = added.data.options[0];
  expect((await x.getXField!({ id })).data.key).toBe(added.data.key);
  const updated = await x.updateXField!({
    id,
    UpdateFieldRequest: { name: `${name} type`, options: [{ id: a.id, label: 'A1' }, { label: 'C' }] },
  });
  expect(updated.data.name).toBe(`${name} type`);
  expect(updated.data.options.map((o: { label: string }) => o.label)).toEqual(['A1', 'C']);
  expect((await x.deleteXField!({ id })).data).toEqual({ id });
  const one = await x.addXField!({ CreateFieldRequest: { name: 'One', field_type: 'varchar' } });
  const two = await x.addXField!({ CreateFieldRequest: { name: 'Two', field_type: 'date' } });
  const many = await x.deleteXFields!({ ids: `${one.data.id},${two.data.id}` });
  expect(many.data).toEqual({ id: [one.data.id, two.data.id] });
  await expect(x.getXField!({ id })).rejects.toMatchObject({ success: false, errorCode: 404 });
}

async function walkV2(c: Client, name: string, withNamespaces: boolean) {
  const { v2, cfg2 } = c;
  const x = api(new (v2 as any)[`${name}FieldsApi`](cfg2), name);
  const body = {
    field_name: `${name} segment`,
    field_type: 'set',
    options: [{ label: 'S' }],
    ui_visibility: { add_visible_flag: true },
    ...(withNamespaces ? { important_fields: { enabled: true }, required_fields: { enabled: false } } : {}),
  };
  const added = await x.addXField!({ [`Add${name}FieldRequest`]: body });
  const code = added.data.field_code as string;
  expect(added.data).toMatchObject({
    field_name: `${name} segment`,
    field_type: 'set',
    is_custom_field: true,
  });
  const got = await x.getXField!({ field_code: code, include_fields: 'ui_visibility' });
  expect(got.data.ui_visibility).toMatchObject({ add_visible_flag: true });
  const page = await x.getXFields!({ limit: 3 });
  expect(page.data).toHaveLength(3);
  const next = await x.getXFields!({ limit: 500, cursor: page.additional_data.next_cursor });
  expect(next.data.at(-1).field_code).toBe(code);
  const updated = await x.updateXField!({
    field_code: code,
    [`Update${name}FieldRequest`]: { field_name: 'Renamed' },
  });
  expect(updated.data.field_name).toBe('Renamed');

  const addedOptions = await x.addXFieldOptions!({
    field_code: code,
    AddDealFieldOptionsRequestInner: [{ label: 'M' }, { label: 'L' }],
  });
  expect(addedOptions.data.map((o: { label: string }) => o.label)).toEqual(['M', 'L']);
  const [m, l] = addedOptions.data as { id: number }[];
  const renamed = await x.updateXFieldOptions!({
    field_code: code,
    UpdateDealFieldOptionsRequestInner: [{ id: m?.id, label: 'Medium' }],
  });
  expect(renamed.data).toEqual([{ id: m?.id, label: 'Medium' }]);
  const removed = await x.deleteXFieldOptions!({
    field_code: code,
    DeleteDealFieldOptionsRequestInner: [{ id: l?.id }],
  });
  expect(removed.data).toEqual([{ id: l?.id, label: 'L' }]);
  await expect(
    x.deleteXFieldOptions!({ field_code: code, DeleteDealFieldOptionsRequestInner: [{ id: 987_654_321 }] }),
  ).rejects.toMatchObject({ success: false, errorCode: 404 });
  expect(
    (await x.getXField!({ field_code: code })).data.options.map((o: { label: string }) => o.label),
  ).toEqual(['S', 'Medium']);
  const deleted = await x.deleteXField!({ field_code: code });
  expect(deleted.data).toMatchObject({ field_code: code, field_name: 'Renamed' });
}

describe('official pipedrive client: fields', () => {
  it.each(V1_CLASSES)('v1 %sFieldsApi: every method', async (name, className, entity) => {
    await walkV1(await officialClient(), name, className, entity);
  });

  it('v1 ProductFieldsApi: every method', async () => {
    const { v1, cfg1 } = await officialClient();
    const x = new v1.ProductFieldsApi(cfg1);
    const list = await x.getProductFields({ start: 0, limit: 500 });
    expect(list.data.map((f) => f.key)).toContain('name');
    const added = await x.addProductField({
      ProductFieldAllOf: { name: 'Size', field_type: 'enum', options: [{ label: 'S' }] },
    });
    const id = added.data!.id!;
    expect((await x.getProductField({ id })).data).toMatchObject({ name: 'Size', field_type: 'enum' });
    const updated = await x.updateProductField({ id, UpdateProductFieldResponse: { name: 'Sizes' } });
    expect(updated.data?.name).toBe('Sizes');
    expect((await x.deleteProductField({ id })).data).toEqual({ id });
    const other = await x.addProductField({ ProductFieldAllOf: { name: 'Weight', field_type: 'double' } });
    expect((await x.deleteProductFields({ ids: String(other.data!.id) })).data).toEqual({
      id: [other.data!.id],
    });
  });

  it('v1 LeadFieldsApi, ActivityFieldsApi and NoteFieldsApi', async () => {
    const { v1, cfg1 } = await officialClient();
    const deal = await new v1.DealFieldsApi(cfg1).addDealField({
      CreateFieldRequest: { name: 'Budget', field_type: 'monetary' },
    });
    const leads = await new v1.LeadFieldsApi(cfg1).getLeadFields({ start: 0, limit: 500 });
    expect(leads.data?.map((f) => f.key)).toEqual(expect.arrayContaining(['title', deal.data!.key]));
    const budget = leads.data?.find((f) => f.key === deal.data!.key);
    expect(budget?.subfields).toHaveLength(1);
    const activities = await new v1.ActivityFieldsApi(cfg1).getActivityFields();
    expect(activities.data?.map((f) => f.key)).toContain('subject');
    const notes = await new v1.NoteFieldsApi(cfg1).getNoteFields();
    expect(notes.data?.map((f) => f.key)).toContain('content');
  });

  it.each(['Deal', 'Person', 'Organization'])('v2 %sFieldsApi: every method', async (name) => {
    await walkV2(await officialClient(), name, true);
  });

  it('v2 ProductFieldsApi: every method', async () => {
    await walkV2(await officialClient(), 'Product', false);
  });

  it('v2 ActivityFieldsApi', async () => {
    const { v2, cfg2 } = await officialClient();
    const x = new v2.ActivityFieldsApi(cfg2);
    const list = await x.getActivityFields({ include_fields: 'ui_visibility', limit: 500 });
    expect(list.data?.map((f) => f.field_code)).toEqual(
      expect.arrayContaining(['subject', 'owner_id', 'due_date']),
    );
    expect((await x.getActivityField({ field_code: 'subject' })).data).toMatchObject({
      field_code: 'subject',
      is_custom_field: false,
    });
  });
});
