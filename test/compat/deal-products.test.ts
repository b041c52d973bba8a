import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as Record<string, unknown>,
  );

describe('official pipedrive client: deal products, discounts, installments', () => {
  it('runs every DealProductsApi method and the deal discounts methods', async () => {
    const { cfg2, v2 } = await officialClient();
    const product = await new v2.ProductsApi(cfg2).addProduct({ AddProductRequest: { name: 'Licence' } });
    const productId = product.data!.id!;
    const dealsApi = new v2.DealsApi(cfg2);
    const deal = (await dealsApi.addDeal({ AddDealRequest: { title: 'With products', currency: 'EUR' } }))
      .data!;
    const other = (await dealsApi.addDeal({ AddDealRequest: { title: 'Other', currency: 'EUR' } })).data!;
    const api = new v2.DealProductsApi(cfg2);

    const line = await api.addDealProduct({
      id: deal.id!,
      AddDealProductRequest: {
        product_id: productId,
        item_price: 19.99,
        quantity: 3,
        tax: 10,
        tax_method: 'exclusive',
      },
    });
    expect(line.data).toMatchObject({ deal_id: deal.id, name: 'Licence', sum: 65.97, currency: 'EUR' });
    const many = await api.addManyDealProducts({
      id: deal.id!,
      CreateManyDealProductRequest: {
        data: [
          { product_id: productId, item_price: 10, quantity: 1 },
          {
            product_id: productId,
            item_price: 5,
            quantity: 2,
            billing_frequency: 'monthly',
            billing_frequency_cycles: 6,
          },
        ],
      },
    });
    expect(many.data?.map((l) => l.tax_method)).toEqual(['exclusive', 'exclusive']);
    await api.addDealProduct({
      id: other.id!,
      AddDealProductRequest: { product_id: productId, item_price: 1, quantity: 1 },
    });

    const updated = await api.updateDealProduct({
      id: deal.id!,
      product_attachment_id: line.data!.id!,
      UpdateDealProductRequest: { quantity: 1, comments: 'one is enough', tax_method: 'none' },
    });
    expect(updated.data).toMatchObject({ quantity: 1, sum: 19.99, comments: 'one is enough' });
    const lines = await api.getDealProducts({ id: deal.id!, sort_by: 'order_nr' });
    expect(lines.data?.map((l) => l.tax_method)).toEqual(['none', 'none', 'none']);
    const both = await api.getDealsProducts({ deal_ids: [deal.id!, other.id!], sort_by: 'deal_id' });
    expect(both.data?.map((l) => l.deal_id)).toEqual([deal.id, deal.id, deal.id, other.id]);
    expect((await dealsApi.getDeal({ id: deal.id! })).data?.value).toBe(29.99);

    const discount = await dealsApi.postAdditionalDiscount({
      id: deal.id!,
      AddAdditionalDiscountRequestBody: { description: 'Launch', amount: 10, type: 'amount' },
    });
    const discountId = discount.data!.id!;
    expect(discount.data).toMatchObject({
      description: 'Launch',
      amount: 10,
      type: 'amount',
      deal_id: deal.id,
    });
    const changed = await dealsApi.updateAdditionalDiscount({
      id: deal.id!,
      discount_id: discountId,
      UpdateAdditionalDiscountRequestBody: { amount: 9.99 },
    });
    expect(changed.data?.amount).toBe(9.99);
    expect((await dealsApi.getAdditionalDiscounts({ id: deal.id! })).data?.map((d) => d.id)).toEqual([
      discountId,
    ]);
    expect((await dealsApi.getDeal({ id: deal.id! })).data?.value).toBe(20);
    expect(
      (await dealsApi.deleteAdditionalDiscount({ id: deal.id!, discount_id: discountId })).data?.id,
    ).toBe(discountId as unknown as number);

    expect(
      (await api.deleteDealProduct({ id: deal.id!, product_attachment_id: line.data!.id! })).data?.id,
    ).toBe(line.data!.id);
    const rest = await api.deleteManyDealProducts({ id: deal.id! });
    expect(rest.data?.ids).toHaveLength(2);
    expect(rest.additional_data?.more_items_in_collection).toBe(false);
    expect(await rejection(api.getDealProducts({ id: 999_999 }))).toMatchObject({ success: false });
  });

  it('runs every DealInstallmentsApi method', async () => {
    const { cfg2, v2 } = await officialClient();
    const product = await new v2.ProductsApi(cfg2).addProduct({ AddProductRequest: { name: 'Machine' } });
    const deal = (await new v2.DealsApi(cfg2).addDeal({ AddDealRequest: { title: 'Installed' } })).data!;
    await new v2.DealProductsApi(cfg2).addDealProduct({
      id: deal.id!,
      AddDealProductRequest: { product_id: product.data!.id!, item_price: 1000, quantity: 1 },
    });
    const api = new v2.DealInstallmentsApi(cfg2);
    const first = await api.postInstallment({
      id: deal.id!,
      AddInstallmentRequestBody: { description: 'Deposit', amount: 300, billing_date: '2030-01-01' },
    });
    expect(first.data).toMatchObject({
      description: 'Deposit',
      amount: 300,
      billing_date: '2030-01-01',
      deal_id: deal.id,
    });
    await api.postInstallment({
      id: deal.id!,
      AddInstallmentRequestBody: { description: 'Balance', amount: 700, billing_date: '2030-02-01' },
    });
    const upd = await api.updateInstallment({
      id: deal.id!,
      installment_id: first.data!.id!,
      UpdateInstallmentRequestBody: { amount: 250 },
    });
    expect(upd.data?.amount).toBe(250);
    const list = await api.getInstallments({ deal_ids: [deal.id!], sort_by: 'billing_date' });
    expect(list.data?.map((i) => i.description)).toEqual(['Deposit', 'Balance']);
    expect((await api.deleteInstallment({ id: deal.id!, installment_id: first.data!.id! })).data?.id).toBe(
      first.data!.id,
    );
    const bad = await rejection(
      api.postInstallment({
        id: deal.id!,
        AddInstallmentRequestBody: { description: 'Nothing', amount: 0, billing_date: '2030-03-01' },
      }),
    );
    expect(bad).toMatchObject({ success: false });
    expect(String(bad.error)).toContain('amount');
  });
});
