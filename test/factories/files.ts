import { Readable } from 'node:stream';
import { addFile } from '../../src/modules/files/files.ts';
import { UploadFields, type UploadLinks } from '../../src/modules/files/schema.ts';
import { sniff } from '../../src/modules/files/sniff.ts';
import type { FileStorage } from '../../src/modules/files/storage.ts';
import type { FileRow } from '../../src/modules/files/tables.ts';
import type { Maker } from './tenant.ts';

/** A file stored as an upload stores it: bytes sniffed and put in `storage`, then recorded by `addFile`. */
export async function makeFile(
  t: Maker,
  storage: FileStorage,
  o: { links: { [K in keyof UploadLinks]?: string }; name?: string; bytes?: Buffer },
): Promise<FileRow> {
  const s = await sniff(Readable.from([o.bytes ?? Buffer.from('hello, file\n')]));
  const stored = await storage.put(s.bytes);
  return addFile(t.ctx, {
    links: UploadFields.parse(o.links),
    fileName: o.name ?? 'hello.txt',
    mime: s.mime,
    stored,
  });
}
