import type { z } from 'zod';
import type { FullInvoice } from '../../src/modules/invoices/present.ts';
import { CreateInvoiceBody } from '../../src/modules/invoices/schema.ts';
import { createInvoice } from '../../src/modules/invoices/service.ts';
import type { Tenant } from '../helpers/app.ts';
import type { Maker } from './tenant.ts';

/** An invoice made by `createInvoice` from the deal's lines (a draft unless told); PDFs go to the app's files. */
export async function makeInvoice(
  t: Maker & Pick<Tenant, 'app'>,
  dealId: number,
  o: Partial<z.input<typeof CreateInvoiceBody>> = {},
): Promise<FullInvoice> {
  return createInvoice(t.ctx, dealId, CreateInvoiceBody.parse(o), t.app.files);
}
