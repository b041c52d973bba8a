import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { AppError, invalid } from '../errors.ts';
import { addFile } from './files.ts';
import { UploadFields } from './schema.ts';
import { sniff } from './sniff.ts';
import type { FileStorage, Stored } from './storage.ts';
import type { FileRow } from './tables.ts';

/** Where uploads go and how large one may be (FILES_MAX_BYTES, 100 MB by default). */
export interface FilesConfig {
  storage: FileStorage;
  maxBytes: number;
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** Room for the multipart framing and the text fields around the file. */
const FRAMING = 64 * 1024;

const tooLarge = (max: number, field: string) =>
  new AppError('payload_too_large', `${field}: larger than the limit of ${max} bytes`, field);

/** The multipart plugin's and busboy's refusals, in the domain's words. */
function asAppError(e: unknown, max: number, field: string): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(max, field);
  if (code === 'FST_FILES_LIMIT')
    return new AppError('payload_too_large', `${field}: one file per upload`, field);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError('payload_too_large', 'too many form fields', field);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new AppError('unsupported_media_type', 'expected multipart/form-data', field);
  if (e instanceof Error && !(e as { statusCode?: number }).statusCode)
    return new AppError('bad_request', `malformed multipart body: ${e.message}`, field);
  return e;
}

/** One uploaded file in the storage, with its sniffed type, its name and the form's text fields. */
export interface Received {
  stored: Stored;
  mime: string;
  fileName: string | undefined;
  fields: Record<string, string>;
}

export interface ReceiveOptions {
  /** the multipart part that carries the file: `file` (v1 files), `data` (v2 product images) */
  part: string;
  /** refuses a sniffed type before any byte is stored (throw an AppError) */
  accept?: (mime: string) => void;
}

/**
 * Streams the one file part named `opts.part` into the storage while its type is sniffed from the
 * first bytes, and reads the text fields around it. `use` then records what the bytes are for; a
 * refused upload (empty, over the limit, a refused type, or `use` throwing) leaves no bytes behind.
 */
export async function receiveUpload<T>(
  req: FastifyRequest,
  cfg: FilesConfig,
  opts: ReceiveOptions,
  use: (r: Received) => Promise<T>,
): Promise<T> {
  const field = opts.part;
  if (!req.isMultipart())
    throw new AppError(
      'unsupported_media_type',
      `expected multipart/form-data with a part named ${field}`,
      field,
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cfg.maxBytes + FRAMING) {
    // refuse before reading: Node discards the unread body
    throw tooLarge(cfg.maxBytes, field);
  }
  let stored: Stored | undefined;
  let mime = 'application/octet-stream';
  let fileName: string | undefined;
  const fields: Record<string, string> = {};
  try {
    const parts = req.parts({
      limits: { fileSize: cfg.maxBytes, files: 1, fields: 20, fieldSize: 4096, parts: 22 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== field) {
          part.file.resume();
          throw invalid(part.fieldname, `unexpected file part (the file goes in the part named ${field})`);
        }
        const s = await sniff(part.file);
        if (s.empty) throw invalid(field, 'the file is empty');
        opts.accept?.(s.mime);
        stored = await cfg.storage.put(s.bytes);
        if (part.file.truncated) throw tooLarge(cfg.maxBytes, field);
        mime = s.mime;
        // browsers send a name's line breaks and quotes as %0D, %0A and %22 (the HTML standard)
        fileName = part.filename?.replace(/%0[ad]/gi, ' ').replace(/%22/g, '"');
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!stored) throw invalid(field, `required (a multipart part named ${field})`);
    return await use({ stored, mime, fileName, fields });
  } catch (e) {
    if (stored) await cfg.storage.delete(stored.key).catch(() => {});
    throw asAppError(e, cfg.maxBytes, field);
  }
}

/**
 * POST /files: the part named `file` (the official client sends it before the text fields), then
 * the links in the text fields; records the file.
 */
export async function uploadFile(ctx: Ctx, req: FastifyRequest, cfg: FilesConfig): Promise<FileRow> {
  return receiveUpload(req, cfg, { part: 'file' }, async ({ stored, mime, fileName, fields }) => {
    const links = UploadFields.safeParse(fields);
    if (!links.success) {
      const issue = links.error.issues[0];
      throw invalid(String(issue?.path[0] ?? 'file'), issue?.message ?? 'invalid');
    }
    return addFile(ctx, { links: links.data, fileName, mime, stored });
  });
}
