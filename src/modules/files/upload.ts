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

const tooLarge = (max: number) =>
  new AppError('payload_too_large', `file: larger than the limit of ${max} bytes`, 'file');

/** The multipart plugin's and busboy's refusals, in the domain's words. */
function asAppError(e: unknown, max: number): unknown {
  if (e instanceof AppError) return e;
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(max);
  if (code === 'FST_FILES_LIMIT')
    return new AppError('payload_too_large', 'file: one file per upload', 'file');
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
    return new AppError('payload_too_large', 'too many form fields', 'file');
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return new AppError('unsupported_media_type', 'expected multipart/form-data', 'file');
  if (e instanceof Error && !(e as { statusCode?: number }).statusCode)
    return new AppError('bad_request', `malformed multipart body: ${e.message}`, 'file');
  return e;
}

/**
 * POST /files: streams the one part named `file` into the storage while its type is sniffed from the
 * first bytes, then reads the text fields that follow it (the official client sends the file first)
 * and records the file. A refused upload (empty, over the limit, a bad or missing link) leaves no
 * bytes in the storage.
 */
export async function uploadFile(ctx: Ctx, req: FastifyRequest, cfg: FilesConfig): Promise<FileRow> {
  if (!req.isMultipart())
    throw new AppError(
      'unsupported_media_type',
      'expected multipart/form-data with a part named file',
      'file',
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > cfg.maxBytes + FRAMING) {
    // refuse before reading: Node discards the unread body
    throw tooLarge(cfg.maxBytes);
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
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw invalid(part.fieldname, 'unexpected file part (the file goes in the part named file)');
        }
        const s = await sniff(part.file);
        if (s.empty) throw invalid('file', 'the file is empty');
        stored = await cfg.storage.put(s.bytes);
        if (part.file.truncated) throw tooLarge(cfg.maxBytes);
        mime = s.mime;
        // browsers send a name's line breaks and quotes as %0D, %0A and %22 (the HTML standard)
        fileName = part.filename?.replace(/%0[ad]/gi, ' ').replace(/%22/g, '"');
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
    if (!stored) throw invalid('file', 'required (a multipart part named file)');
    const links = UploadFields.safeParse(fields);
    if (!links.success) {
      const issue = links.error.issues[0];
      throw invalid(String(issue?.path[0] ?? 'file'), issue?.message ?? 'invalid');
    }
    return await addFile(ctx, { links: links.data, fileName, mime, stored });
  } catch (e) {
    if (stored) await cfg.storage.delete(stored.key).catch(() => {});
    throw asAppError(e, cfg.maxBytes);
  }
}
