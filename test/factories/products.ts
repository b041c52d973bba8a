import type { z } from 'zod';
import { AddProductBody } from '../../src/modules/products/schema.ts';
import { addProduct, type ProductWithPrices } from '../../src/modules/products/service.ts';
import type { Maker } from './tenant.ts';

/** The body of POST /api/v2/products. */
export type ProductOverrides = Partial<z.input<typeof AddProductBody>>;

/** A product written by `addProduct`, as POST /api/v2/products writes it (prices, custom values, event). */
export async function makeProduct(t: Maker, o: ProductOverrides = {}): Promise<ProductWithPrices['row']> {
  return (await addProduct(t.ctx, AddProductBody.parse({ name: 'Widget', ...o }))).row;
}
