import { z } from 'zod';
import { name255, text } from '../../http/fields.ts';
import { qBool, qId, v1Paging } from '../../http/query.ts';

// ---------------------------------------------------------------- responses

/** v1 File (spec §12, the client's GetFilesResponseDataInner): every key, times "YYYY-MM-DD HH:MM:SS". */
export const File = z
  .object({
    id: z.number().int(),
    user_id: z.number().int(),
    deal_id: z.number().int().nullable(),
    person_id: z.number().int().nullable(),
    org_id: z.number().int().nullable(),
    product_id: z.number().int().nullable(),
    activity_id: z.number().int().nullable(),
    lead_id: z.uuid().nullable(),
    project_id: z.number().int().nullable(),
    add_time: z.string(),
    update_time: z.string(),
    file_name: z.string(),
    file_size: z.number().int(),
    active_flag: z.boolean(),
    inline_flag: z.boolean(),
    remote_location: z.string().nullable(),
    remote_id: z.string().nullable(),
    cid: z.string().nullable(),
    s3_bucket: z.string().nullable(),
    mail_message_id: z.string().nullable(),
    mail_template_id: z.string().nullable(),
    deal_name: z.string().nullable(),
    person_name: z.string().nullable(),
    org_name: z.string().nullable(),
    product_name: z.string().nullable(),
    lead_name: z.string().nullable(),
    project_name: z.string().nullable(),
    url: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    /** Pipewright: the type sniffed from the bytes, and whether the web app may preview it */
    file_type: z.string().nullable(),
    mime_type: z.string(),
    previewable: z.boolean(),
  })
  .meta({ id: 'File' });
export type PresentedFile = z.infer<typeof File>;

// ---------------------------------------------------------------- requests

export const FileParams = z.object({ id: qId });

const sortFields = ['id', 'update_time', 'add_time', 'name', 'file_size'] as const;

/** `sort`: "field [ASC|DESC]" pairs separated by commas (Pipedrive: id, update_time). */
const sort = z
  .string()
  .max(200)
  .transform((v, ctx) => {
    const out: { field: (typeof sortFields)[number]; direction: 'asc' | 'desc' }[] = [];
    for (const part of v.split(',')) {
      const [field, dir, ...rest] = part.trim().split(/\s+/);
      const direction = (dir ?? 'asc').toLowerCase();
      if (
        !sortFields.includes(field as (typeof sortFields)[number]) ||
        (direction !== 'asc' && direction !== 'desc') ||
        rest.length
      ) {
        ctx.addIssue({ code: 'custom', message: `expected "field [ASC|DESC]" of ${sortFields.join(', ')}` });
        return z.NEVER;
      }
      out.push({ field: field as (typeof sortFields)[number], direction });
    }
    return out;
  });

export const ListFilesQuery = z.object({
  ...v1Paging,
  sort: sort.optional(),
  include_deleted_files: qBool.optional(),
});
export type ListFilesInput = z.infer<typeof ListFilesQuery>;

/** The per-item lists: Pipedrive caps their limit at 100. */
export const ItemFilesQuery = ListFilesQuery.extend({
  limit: v1Paging.limit.pipe(z.number().max(100, 'at most 100')).optional(),
});

/** PUT /files/{id}, urlencoded: the visible name and the description. */
export const UpdateFileBody = z
  .object({
    name: name255.optional(),
    description: text(65_535).optional(),
  })
  .meta({ id: 'UpdateFileBody' });
export type UpdateFileInput = z.infer<typeof UpdateFileBody>;

const itemType = z.enum(['deal', 'organization', 'person'], {
  error: 'expected one of deal, organization, person',
});
const remoteLocation = z.enum(['googledrive'], { error: 'only googledrive is supported' });
const formId = z.union([z.number().int().positive(), qId]);

/** POST /files/remote: a new remote file, linked to an item. */
export const AddRemoteFileBody = z
  .object({
    file_type: z.enum(['gdoc', 'gslides', 'gsheet', 'gform', 'gdraw'], {
      error: 'expected one of gdoc, gslides, gsheet, gform, gdraw',
    }),
    title: name255,
    item_type: itemType,
    item_id: formId,
    remote_location: remoteLocation,
  })
  .meta({ id: 'AddRemoteFileBody' });
export type AddRemoteFileInput = z.infer<typeof AddRemoteFileBody>;

/** POST /files/remoteLink: an existing remote file, linked to an item. */
export const LinkRemoteFileBody = z
  .object({
    item_type: itemType,
    item_id: formId,
    remote_id: name255,
    remote_location: remoteLocation,
  })
  .meta({ id: 'LinkRemoteFileBody' });
export type LinkRemoteFileInput = z.infer<typeof LinkRemoteFileBody>;

export const DownloadQuery = z.object({
  /** `1`: a raster image or a PDF is served inline, for the web app's preview */
  inline: qBool.optional(),
});

/** The text fields of an upload (multipart), as the client sends them. */
export const UploadFields = z.object({
  deal_id: qId.optional(),
  person_id: qId.optional(),
  org_id: qId.optional(),
  product_id: qId.optional(),
  activity_id: qId.optional(),
  lead_id: z.uuid('expected a UUID').optional(),
  project_id: qId.optional(),
});
export type UploadLinks = z.infer<typeof UploadFields>;
