import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

/** A 1×1 PNG and a 1×1 GIF. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: product custom fields and images', () => {
  it('sets, reads and changes product custom values made with ProductFieldsApi', async () => {
    const { v2, cfg2 } = await officialClient();
    const fields = new v2.ProductFieldsApi(cfg2);
    const size = await fields.addProductField({
      AddProductFieldRequest: {
        field_name: 'Size',
        field_type: 'enum',
        options: [{ label: 'Small' }, { label: 'Large' }],
      },
    });
    const sizeCode = size.data!.field_code!;
    const [small, large] = (size.data!.options ?? []).map((o) => o.id as number);
    const weight = await fields.addProductField({
      AddProductFieldRequest: { field_name: 'Weight', field_type: 'double' },
    });
    const weightCode = weight.data!.field_code!;

    const api = new v2.ProductsApi(cfg2);
    const added = await api.addProduct({
      AddProductRequest: { name: 'Crate', custom_fields: { [sizeCode]: small, [weightCode]: 2.5 } },
    });
    const id = added.data!.id!;
    expect(added.data?.custom_fields).toEqual({ [sizeCode]: small, [weightCode]: 2.5 });
    const updated = await api.updateProduct({
      id,
      UpdateProductRequest: { custom_fields: { [sizeCode]: large } },
    });
    expect(updated.data?.custom_fields).toEqual({ [sizeCode]: large, [weightCode]: 2.5 });
    const listed = await api.getProducts({ custom_fields: weightCode });
    expect(listed.data?.[0]?.custom_fields).toEqual({ [weightCode]: 2.5 });

    const refused = await rejection(
      api.updateProduct({ id, UpdateProductRequest: { custom_fields: { [sizeCode]: 999_999 } } }),
    );
    expect(refused).toMatchObject({ success: false, errorCode: 400 });
    expect(String(refused.error)).toContain(sizeCode);
    expect((await api.getProduct({ id })).data?.custom_fields).toEqual({
      [sizeCode]: large,
      [weightCode]: 2.5,
    });
  });

  it('uploads, gets, replaces and deletes a product image through ProductsApi', async () => {
    const { v2, cfg2 } = await officialClient();
    const api = new v2.ProductsApi(cfg2);
    const product = await api.addProduct({ AddProductRequest: { name: 'Framed print' } });
    const id = product.data!.id!;

    const uploaded = await api.uploadProductImage({
      id,
      data: new File([PNG], 'print.png', { type: 'image/png' }),
    });
    expect(uploaded.success).toBe(true);
    expect(uploaded.data).toMatchObject({ product_id: id });
    expect(typeof uploaded.data?.company_id).toBe('string');

    const got = await api.getProductImage({ id });
    expect(got.data).toMatchObject({
      id: uploaded.data?.id,
      product_id: id,
      mime_type: 'image/png',
      name: 'print.png',
    });
    const bytes = await fetch(got.data!.public_url!, { headers: { 'x-api-token': cfg2.apiKey as string } });
    expect(bytes.status).toBe(200);
    expect(Buffer.compare(Buffer.from(await bytes.arrayBuffer()), PNG)).toBe(0);

    const replaced = await api.updateProductImage({
      id,
      data: new File([GIF], 'print.gif', { type: 'image/gif' }),
    });
    expect(replaced.data?.product_id).toBe(id);
    expect((await api.getProductImage({ id })).data).toMatchObject({
      mime_type: 'image/gif',
      name: 'print.gif',
    });

    const notImage = await rejection(
      api.updateProductImage({ id, data: new File(['<svg></svg>'], 'x.svg', { type: 'image/svg+xml' }) }),
    );
    expect(notImage).toMatchObject({ success: false, errorCode: 415 });

    expect((await api.deleteProductImage({ id })).data?.id).toBe(replaced.data?.id);
    expect(await rejection(api.getProductImage({ id }))).toMatchObject({ success: false, errorCode: 404 });
  });
});
