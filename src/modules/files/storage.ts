import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Config } from '../../config.ts';

/** What a stored object is: its server-made key, its size in bytes and the SHA-256 of its bytes. */
export interface Stored {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where a file's bytes live. Keys are made by the storage (never from a file's name), so no name can
 * reach outside it. Bytes pass as streams, never whole in memory.
 */
export interface FileStorage {
  readonly kind: 'local' | 's3';
  /** Stores the stream's bytes under a new key. A stream that fails leaves nothing behind. */
  put(bytes: Readable): Promise<Stored>;
  /** The bytes of a key; `not found` rejects. */
  get(key: string): Promise<Readable>;
  /** Removes a key; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Keys: a random UUID, nothing else (what `get` and `delete` accept too). */
const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function assertKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
}

/** Counts and hashes the bytes that pass. */
export class Measure extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, c?: Buffer) => void) {
    this.size += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }
  digest(): string {
    return this.hash.digest('hex');
  }
}

/** The local disk: one file per key under `dir` (DATA_DIR/files), in a two-letter fan-out. */
export function localDiskStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const where = (key: string) => {
    assertKey(key);
    return path.join(root, key.slice(0, 2), key);
  };
  return {
    kind: 'local',
    async put(bytes) {
      const key = randomUUID();
      const file = where(key);
      await mkdir(path.dirname(file), { recursive: true });
      const measure = new Measure();
      try {
        await pipeline(bytes, measure, createWriteStream(file, { flags: 'wx' }));
      } catch (e) {
        await rm(file, { force: true });
        throw e;
      }
      return { key, size: measure.size, sha256: measure.digest() };
    },
    async get(key) {
      const file = where(key);
      await stat(file); // rejects with ENOENT before a stream is handed out
      return createReadStream(file);
    },
    async delete(key) {
      await rm(where(key), { force: true });
    },
  };
}

export interface S3Options {
  bucket: string;
  /** an S3-compatible endpoint (MinIO, Garage, s3rver…); unset for AWS */
  endpoint?: string | undefined;
  region?: string | undefined;
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
  /** path-style URLs (http://host/bucket/key), which most S3-compatible servers need */
  forcePathStyle?: boolean | undefined;
  /** a key prefix inside the bucket */
  prefix?: string | undefined;
}

/** S3-compatible object storage, for several app nodes: multipart uploads of 8 MB parts, streamed. */
export function s3Storage(opts: S3Options): FileStorage {
  const config: S3ClientConfig = {
    region: opts.region ?? 'us-east-1',
    forcePathStyle: opts.forcePathStyle ?? Boolean(opts.endpoint),
  };
  if (opts.endpoint) config.endpoint = opts.endpoint;
  if (opts.accessKeyId && opts.secretAccessKey)
    config.credentials = { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey };
  const client = new S3Client(config);
  const prefix = opts.prefix ?? '';
  const objectKey = (key: string) => {
    assertKey(key);
    return `${prefix}${key}`;
  };
  return {
    kind: 's3',
    async put(bytes) {
      const key = randomUUID();
      const measure = new Measure();
      const body = new PassThrough();
      const upload = new Upload({
        client,
        params: { Bucket: opts.bucket, Key: objectKey(key), Body: body },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
      });
      const sent = upload.done();
      try {
        await Promise.all([pipeline(bytes, measure, body), sent]);
      } catch (e) {
        await upload.abort().catch(() => {});
        await sent.catch(() => {});
        await this.delete(key).catch(() => {});
        throw e;
      }
      return { key, size: measure.size, sha256: measure.digest() };
    },
    async get(key) {
      const res = await client.send(new GetObjectCommand({ Bucket: opts.bucket, Key: objectKey(key) }));
      return res.Body as Readable;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: opts.bucket, Key: objectKey(key) }));
    },
  };
}

/** The storage the configuration names: S3 when FILES_S3_BUCKET is set, else DATA_DIR/files. */
export function filesConfig(config: Pick<Config, 'dataDir' | 'files'>): {
  storage: FileStorage;
  maxBytes: number;
} {
  const s3 = config.files.s3;
  return {
    storage: s3 ? s3Storage(s3) : localDiskStorage(path.join(config.dataDir, 'files')),
    maxBytes: config.files.maxBytes,
  };
}
