import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { type S3Options, s3Storage } from '../../src/modules/files/storage.ts';

/**
 * A local S3-compatible server (s3rver, from npm) on a free loopback port with a temporary folder and
 * one bucket, and the storage pointed at it; `stop` closes it and removes the folder.
 */
export async function localS3(bucket = 'pipewright-test') {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'pw-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const options: S3Options = {
    bucket,
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
  return {
    options,
    storage: s3Storage(options),
    directory,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
