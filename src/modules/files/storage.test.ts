import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localS3 } from '../../../test/helpers/s3.ts';
import { contentDisposition, sanitizeName } from './names.ts';
import { servedType, typeOf } from './sniff.ts';
import { type FileStorage, localDiskStorage } from './storage.ts';

/** `n` bytes made in chunks of 64 KB, never whole in memory. */
function bytes(n: number, seed = 1): Readable {
  let left = n;
  let i = seed;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const size = Math.min(left, 65_536);
      const chunk = Buffer.allocUnsafe(size);
      for (let j = 0; j < size; j++) chunk[j] = i = (i * 31 + 7) & 0xff;
      left -= size;
      this.push(chunk);
    },
  });
}

async function sha(stream: Readable): Promise<{ size: number; sha256: string }> {
  const h = createHash('sha256');
  let size = 0;
  for await (const c of stream) {
    h.update(c as Buffer);
    size += (c as Buffer).length;
  }
  return { size, sha256: h.digest('hex') };
}

const failing = () =>
  new Readable({
    read() {
      this.push(Buffer.alloc(1024, 1));
      this.destroy(new Error('client went away'));
    },
  });

function behaves(name: string, make: () => Promise<{ storage: FileStorage; count: () => Promise<number> }>) {
  describe(name, () => {
    let s: { storage: FileStorage; count: () => Promise<number> };
    beforeAll(async () => {
      s = await make();
    });

    it('stores a stream under a new key and gives the same bytes back', async () => {
      const n = 9 * 1024 * 1024 + 17; // more than one S3 part
      const put = await s.storage.put(bytes(n));
      expect(put.key).toMatch(/^[0-9a-f-]{36}$/);
      expect(put.size).toBe(n);
      expect(await sha(bytes(n))).toEqual({ size: n, sha256: put.sha256 });
      expect(await sha(await s.storage.get(put.key))).toEqual({ size: n, sha256: put.sha256 });
      const other = await s.storage.put(Readable.from([Buffer.from('small')]));
      expect(other.key).not.toBe(put.key);
      expect(await text(await s.storage.get(other.key))).toBe('small');
      await s.storage.delete(put.key);
      await expect(s.storage.get(put.key)).rejects.toThrow();
      await s.storage.delete(put.key); // twice: no error
      await s.storage.delete(other.key);
    });

    it('leaves nothing behind when the stream fails, and takes no key that is not its own', async () => {
      const before = await s.count();
      await expect(s.storage.put(failing())).rejects.toThrow(/went away/);
      expect(await s.count()).toBe(before);
      await expect(s.storage.get('../../etc/passwd')).rejects.toThrow(/not a storage key/);
      await expect(s.storage.delete('a/../../b')).rejects.toThrow(/not a storage key/);
    });
  });
}

const dirs: string[] = [];
const s3s: { stop(): Promise<void> }[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  for (const s of s3s) await s.stop();
});

async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

behaves('local disk storage', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pw-disk-'));
  dirs.push(dir);
  return { storage: localDiskStorage(dir), count: () => countFiles(dir) };
});

behaves('S3 storage (s3rver)', async () => {
  const s3 = await localS3();
  s3s.push(s3);
  return { storage: s3.storage, count: () => countFiles(s3.directory) };
});

describe('names and types', () => {
  it('cleans names', () => {
    expect(sanitizeName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeName('C:\\Users\\x\\report.pdf')).toBe('report.pdf');
    expect(sanitizeName('a\u0000b\u0007c\u202Ed.txt')).toBe('abcd.txt');
    expect(sanitizeName('  ..  ')).toBe('file');
    expect(sanitizeName('')).toBe('file');
    expect([...sanitizeName('å'.repeat(300))]).toHaveLength(255);
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('a "b"\\.txt')).toBe(
      `attachment; filename="a _b__.txt"; filename*=UTF-8''a%20%22b%22%5C.txt`,
    );
    expect(contentDisposition("Ö'(1).pdf", 'inline')).toBe(
      `inline; filename="_'(1).pdf"; filename*=UTF-8''%C3%96%27%281%29.pdf`,
    );
  });

  it('judges types from bytes and serves only safe ones as themselves', async () => {
    expect(await typeOf(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(await typeOf(Buffer.from('hello\nworld'))).toBe('text/plain');
    expect(await typeOf(Buffer.from('<!DOCTYPE html><p>x'))).toBe('text/html');
    expect(await typeOf(Buffer.from('<svg onload="x()"></svg>'))).toBe('image/svg+xml');
    expect(await typeOf(Buffer.from([0, 1, 2, 3, 255]))).toBe('application/octet-stream');
    expect(servedType('text/html')).toBe('application/octet-stream');
    expect(servedType('image/svg+xml')).toBe('application/octet-stream');
    expect(servedType('application/xml')).toBe('application/octet-stream');
    expect(servedType('image/png')).toBe('image/png');
  });
});
