import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: products', () => {
  it('runs every v2 ProductsApi method but images (product-fields.test.ts), and the v1 followers', async () => {
    const { cfg1, cfg2, v1, v2, tenant } = await officialClient();
    const api = new v2.ProductsApi(cfg2);
    const added = await api.addProduct({
      AddProductRequest: {
        name: 'Support plan',
        code: 'SP-1',
        unit: 'month',
        tax: 25,
        category: 262,
        prices: [{ currency: 'EUR', price: 99.9, cost: 10, direct_cost: 1, notes: 'list' }],
        billing_frequency: 'monthly',
        billing_frequency_cycles: 12,
      },
    });
    const id = added.data!.id!;
    expect(added.data).toMatchObject({
      name: 'Support plan',
      category: '262',
      billing_frequency: 'monthly',
      billing_frequency_cycles: 12,
      prices: [{ product_id: id, currency: 'EUR', price: 99.9, cost: 10, direct_cost: 1, notes: 'list' }],
    });
    expect((await api.getProduct({ id })).data?.code).toBe('SP-1');
    const updated = await api.updateProduct({
      id,
      UpdateProductRequest: { name: 'Support', is_linkable: false },
    });
    expect(updated.data).toMatchObject({ name: 'Support', is_linkable: false });
    const list = await api.getProducts({ sort_by: 'name', limit: 10 });
    expect(list.data?.map((p) => p.id)).toEqual([id]);
    expect(list.additional_data?.next_cursor).toBeNull();
    const found = await api.searchProducts({ term: 'SP-1', fields: 'code', exact_match: true });
    expect(found.data?.items?.map((i) => i.item?.id)).toEqual([id]);

    const variation = await api.addProductVariation({
      id,
      AddProductVariationRequest: { name: 'Premium', prices: [{ currency: 'EUR', price: 150 }] },
    });
    const vid = variation.data!.id!;
    expect(variation.data).toMatchObject({ name: 'Premium', product_id: id });
    const renamed = await api.updateProductVariation({
      id,
      product_variation_id: vid,
      UpdateProductVariationRequest: { name: 'Premium+' },
    });
    expect(renamed.data?.name).toBe('Premium+');
    expect((await api.getProductVariations({ id })).data?.map((v) => v.name)).toEqual(['Premium+']);
    const copy = await api.duplicateProduct({ id });
    expect(copy.data?.id).not.toBe(id);
    expect((await api.getProductVariations({ id: copy.data!.id! })).data?.map((v) => v.name)).toEqual([
      'Premium+',
    ]);
    expect((await api.deleteProductVariation({ id, product_variation_id: vid })).data?.id).toBe(vid);

    const follow = await api.addProductFollower({ id, AddDealFollowerRequest: { user_id: tenant.userId } });
    expect(follow.data?.user_id).toBe(tenant.userId);
    expect((await api.getProductFollowers({ id })).data?.map((f) => f.user_id)).toEqual([tenant.userId]);
    expect((await api.deleteProductFollower({ id, follower_id: tenant.userId })).data?.user_id).toBe(
      tenant.userId,
    );
    const log = await api.getProductFollowersChangelog({ id });
    expect(log.data?.map((e) => e.action)).toEqual(['removed', 'added']);

    const v1api = new v1.ProductsApi(cfg1);
    const rel = await v1api.addProductFollower({ id, AddProductFollowerRequest: { user_id: tenant.userId } });
    expect(rel.data).toMatchObject({ user_id: tenant.userId, product_id: id });
    const v1list = await v1api.getProductFollowers({ id });
    expect(v1list.data?.map((f) => f.user_id)).toEqual([tenant.userId]);
    expect((await v1api.deleteProductFollower({ id, follower_id: rel.data!.id! })).data?.id).toBe(
      rel.data!.id,
    );

    expect((await api.deleteProduct({ id })).data?.id).toBe(id);
    expect(await rejection(api.getProduct({ id }))).toMatchObject({
      success: false,
      error: 'Product not found',
    });
  });
});
