import { signFillTime } from '../../src/modules/public/fill-token.ts';
import { CreateWebFormBody } from '../../src/modules/web-forms/schema.ts';
import { createWebForm, type WebFormWithPublicId } from '../../src/modules/web-forms/service.ts';
import type { Maker } from './tenant.ts';

/** A lead form with a person (name, e-mail, phone), an organization and a title, made by its use case. */
export async function makeWebForm(t: Maker, o: Record<string, unknown> = {}): Promise<WebFormWithPublicId> {
  const input = CreateWebFormBody.parse({
    name: 'Contact us',
    fields: [
      { maps_to: 'person.name', label: 'Your name', required: true },
      { maps_to: 'person.email', label: 'E-mail', required: true },
      { maps_to: 'person.phone', label: 'Phone' },
      { maps_to: 'organization.name', label: 'Company' },
      { maps_to: 'organization.address', label: 'Address' },
    ],
    ...o,
  });
  return createWebForm(t.ctx, input);
}

/** A fill-time token as the page would have served it `agoMs` before now (past the minimum). */
export const fillToken = (form: WebFormWithPublicId, agoMs = 10_000) =>
  signFillTime(form.signingKey, form.publicId, Date.now() - agoMs);
