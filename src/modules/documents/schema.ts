import { z } from 'zod';
import { entityId, name255, text } from '../../http/fields.ts';
import { qId } from '../../http/query.ts';

/** A template's or a document's rich text: at most 200 000 characters of the HTML subset. */
const richText = text(200_000);

export const TemplateBody = z.strictObject({
  name: name255,
  body: richText.describe(
    'HTML (p, h1–h3, strong, em, u, ul/ol/li, table, br, a), sanitised on save; placeholders such as {{deal.title}}, {{person.name}}, {{organization.name}}, {{owner.name}}, {{deal.custom.<key>}} and {{products}}',
  ),
});
export type TemplateBodyT = z.infer<typeof TemplateBody>;
export const UpdateTemplateBody = TemplateBody.partial();
export type UpdateTemplateBodyT = z.infer<typeof UpdateTemplateBody>;

export const PreviewTemplateBody = z.strictObject({
  body: richText,
  deal_id: entityId.optional().describe('fill the placeholders from this deal'),
});

export const DocumentTemplate = z
  .object({
    id: z.number().int(),
    name: z.string(),
    body: z.string(),
    user_id: z.number().int(),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'DocumentTemplate' });

export const Placeholder = z.object({
  key: z.string().describe('what goes between {{ and }}'),
  group: z.enum(['deal', 'person', 'organization', 'owner', 'company', 'date', 'products', 'custom']),
  name: z.string().describe('the custom field name (custom), else the key'),
});

export const CreateDocumentBody = z.strictObject({
  deal_id: entityId.describe('the deal the document is made for (a lead cannot have documents)'),
  template_id: entityId,
  title: name255.optional().describe("the template's name when not given"),
});

export const SaveVersionBody = z.strictObject({
  body: richText.describe('the document text as a new version (sanitised)'),
  title: name255.optional(),
});

export const DocumentVersion = z.object({
  version: z.number().int(),
  body: z.string(),
  user_id: z.number().int().nullable(),
  add_time: z.string(),
});

export const DocumentShare = z
  .object({
    id: z.number().int(),
    expires_at: z.string(),
    revoked_at: z.string().nullable(),
    active: z.boolean(),
    add_time: z.string(),
    /** only in the answer that creates it: the link is not kept (only its hash) */
    url: z.string().nullable(),
  })
  .meta({ id: 'DocumentShare' });

export const Document = z
  .object({
    id: z.number().int(),
    deal_id: z.number().int(),
    template_id: z.number().int().nullable(),
    title: z.string(),
    user_id: z.number().int(),
    version: z.number().int(),
    body: z.string().describe('the newest version'),
    file_id: z.number().int().nullable().describe('the file of the newest PDF, on the deal'),
    view_count: z.number().int(),
    last_view_time: z.string().nullable(),
    accepted: z
      .object({
        name: z.string(),
        time: z.string(),
        ip: z.string(),
        user_agent: z.string().nullable(),
        version: z.number().int(),
      })
      .nullable(),
    shares: z.array(DocumentShare),
    add_time: z.string(),
    update_time: z.string(),
  })
  .meta({ id: 'Document' });

export const CreateShareBody = z.strictObject({
  expires_in_days: z.number().int().min(1).max(365).optional().describe('30 by default'),
});

export const DocumentPdf = z.object({ file_id: z.number().int(), name: z.string() });

export const ShareParams = z.object({ id: qId, shareId: qId });
