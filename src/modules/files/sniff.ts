import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';

/** Bytes read before the type is decided (file-type's own sample size). */
const SAMPLE = 4100;

/**
 * The content type of a stream, judged from its first bytes (never from what the request says), and
 * the whole stream again to store. Binary formats are named by `file-type`; text is text/plain, with
 * HTML, SVG and XML told apart so that they are never served as such; anything else
 * application/octet-stream. `empty` is true for a stream of no bytes.
 */
export async function sniff(input: Readable): Promise<{ mime: string; empty: boolean; bytes: Readable }> {
  const chunks: Buffer[] = [];
  let have = 0;
  const it = input[Symbol.asyncIterator]();
  let done = false;
  while (have < SAMPLE) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    have += chunk.length;
  }
  const head = Buffer.concat(chunks);
  const mime = await typeOf(head);
  async function* again() {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value as Buffer;
    }
  }
  const bytes = Readable.from(again(), { objectMode: false });
  // an error of the source (the size limit) reaches whoever reads the bytes
  input.once('error', (e) => bytes.destroy(e));
  return { mime, empty: head.length === 0, bytes };
}

export async function typeOf(head: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  // XML is told apart below (an SVG is XML too)
  if (found && !/xml/.test(found.mime)) return found.mime;
  if (!isText(head)) return 'application/octet-stream';
  const start = head
    .toString('utf8', 0, 1024)
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/<svg[\s>]/.test(start)) return 'image/svg+xml';
  if (/^(<!doctype html|<html|<head|<body)/.test(start) || /<(script|html|body|iframe)[\s>]/.test(start))
    return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  return 'text/plain';
}

/** UTF-8 without NULs or other C0 controls than tab, line feed, form feed and carriage return. */
function isText(head: Buffer): boolean {
  if (head.length === 0) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return false;
  }
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) return false;
  return true;
}

/** Types served as they are; everything else (HTML, SVG, XML, scripts…) goes out as octet-stream. */
const SERVED =
  /^(image\/(png|jpeg|gif|webp|avif|bmp|tiff|heic|heif)|application\/pdf|text\/plain|audio\/[\w.+-]+|video\/[\w.+-]+|application\/(zip|gzip|x-7z-compressed|x-rar-compressed|x-tar|msword|rtf|vnd\.ms-[\w.+-]+|vnd\.openxmlformats-officedocument\.[\w.+-]+|vnd\.oasis\.opendocument\.[\w.+-]+))$/;

export function servedType(mime: string): string {
  if (!SERVED.test(mime)) return 'application/octet-stream';
  return mime === 'text/plain' ? 'text/plain; charset=utf-8' : mime;
}

/** Types the web app may show inline (an <img> or the PDF viewer): raster images and PDF. */
export function previewable(mime: string): boolean {
  return /^(image\/(png|jpeg|gif|webp|avif|bmp)|application\/pdf)$/.test(mime);
}
