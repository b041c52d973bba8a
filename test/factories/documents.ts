import type { z } from 'zod';
import { CreateDocumentBody, TemplateBody } from '../../src/modules/documents/schema.ts';
import { createDocument, type FullDocument } from '../../src/modules/documents/service.ts';
import type { TemplateRow } from '../../src/modules/documents/tables.ts';
import { createTemplate } from '../../src/modules/documents/templates.ts';
import type { Maker } from './tenant.ts';

/** A document template made by `createTemplate` (sanitised, placeholders checked). */
export async function makeDocumentTemplate(
  t: Maker,
  o: Partial<z.input<typeof TemplateBody>> = {},
): Promise<TemplateRow> {
  return createTemplate(
    t.ctx,
    TemplateBody.parse({
      name: 'Offer',
      body: '<h1>Offer for {{deal.title}}</h1><p>Dear {{person.name}},</p>',
      ...o,
    }),
  );
}

/** A document of a deal filled from a template by `createDocument`. */
export async function makeDocument(t: Maker, o: z.input<typeof CreateDocumentBody>): Promise<FullDocument> {
  return createDocument(t.ctx, CreateDocumentBody.parse(o));
}
