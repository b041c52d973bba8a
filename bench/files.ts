/**
 * Files: how fast a 50 MB file goes up (POST /api/v1/files, multipart) and comes back down
 * (GET /api/v1/files/{id}/download) through the real server (src/main.ts in its own process, files on
 * the local disk under DATA_DIR/files), against the same bytes sent over HTTP to a bare Node server
 * that only pipes the request into a file (and a file into the response) in the same run. The ratio
 * of bare time over Pipewright's time must be at least 0.7. Then 10 uploads of 50 MB at once, with the
 * server's resident memory sampled every 20 ms: bytes are streamed, so it must not grow by anything
 * like the 500 MB in flight (at most one file's size, 50 MB).
 *
 *   npm run bench:files [-- --quick] [--only embedded|postgres] [--mb 50] [--runs 3] [--concurrent 10]
 */
import { createWriteStream, openAsBlob, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { call, startServerProcess } from '../test/helpers/server-process.ts';
import { withCleanup } from './lib/cleanup.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';

const USAGE =
  'tsx bench/files.ts [--quick] [--only embedded|postgres] [--mb 50] [--runs 3] [--concurrent 10]';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    mb: { type: 'string' },
    runs: { type: 'string' },
    concurrent: { type: 'string', default: '10' },
  },
});
const only = onlyOf(args.only ?? 'embedded', USAGE);
const MB = positive('mb', args.mb ?? (args.quick ? '10' : '50'), USAGE, true);
const RUNS = positive('runs', args.runs ?? (args.quick ? '1' : '3'), USAGE, true);
const CONCURRENT = positive('concurrent', args.concurrent, USAGE, true);
const SIZE = MB * 1024 * 1024;
const FLOOR = 0.7;
const TOKEN = 'bench-files-api-token-0123456789abcdef';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const mbps = (ms: number) => SIZE / 1024 / 1024 / (ms / 1000);

/** A file of SIZE bytes that no compression or sniffing shortcut could see through. */
async function makeSource(dir: string): Promise<string> {
  const file = path.join(dir, 'source.bin');
  const out = createWriteStream(file);
  let x = 0x9e3779b9;
  for (let written = 0; written < SIZE; ) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, SIZE - written));
    for (let i = 0; i < chunk.length; i += 4) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      chunk.writeUInt32LE(x >>> 0, i);
    }
    written += chunk.length;
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return file;
}

/**
 * The ceiling: a bare HTTP server that pipes an upload into a file and a file into a download, in a
 * worker thread of its own (as Pipewright runs in a process of its own: neither shares the client's
 * event loop).
 */
const BARE = `
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');
const { parentPort, workerData } = require('node:worker_threads');

const server = http.createServer((req, res) => {
  if (req.method === 'POST') {
    // one file, overwritten: the disk holds one copy at a time
    pipeline(req, fs.createWriteStream(path.join(workerData.dir, 'bare-upload'))).then(
      () => res.end('{"success":true}'),
      () => res.writeHead(500).end(),
    );
  } else {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': workerData.size });
    fs.createReadStream(workerData.source).pipe(res);
  }
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
`;

async function bareServer(dir: string, source: string) {
  const worker = new Worker(BARE, { eval: true, workerData: { dir, source, size: SIZE } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { base: `http://127.0.0.1:${port}`, close: () => worker.terminate() };
}

/** One multipart upload of the source (streamed from disk by fetch); ms. */
async function upload(
  url: string,
  source: string,
  dealId: number | null,
): Promise<{ ms: number; id?: number }> {
  const form = new FormData();
  form.append('file', await openAsBlob(source), 'source.bin');
  if (dealId !== null) form.append('deal_id', String(dealId));
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', body: form, headers: { 'x-api-token': TOKEN } });
  const body = (await res.json()) as { success: boolean; data?: { id: number; file_size: number } };
  const ms = performance.now() - t0;
  if (!res.ok || !body.success) throw new Error(`upload to ${url}: ${res.status} ${JSON.stringify(body)}`);
  if (body.data && body.data.file_size !== SIZE) throw new Error(`stored ${body.data.file_size} bytes`);
  return body.data ? { ms, id: body.data.id } : { ms };
}

/** One download, its bytes counted and dropped; ms. */
async function download(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { 'x-api-token': TOKEN } });
  if (!res.ok || !res.body) throw new Error(`download ${url}: ${res.status}`);
  let got = 0;
  for await (const chunk of res.body) got += (chunk as Uint8Array).length;
  const ms = performance.now() - t0;
  if (got !== SIZE) throw new Error(`downloaded ${got} bytes of ${SIZE}`);
  return ms;
}

const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
};

interface Row {
  database: string;
  up: number;
  bareUp: number;
  down: number;
  bareDown: number;
  rssBefore: number;
  rssPeak: number;
  concurrentMs: number;
}

async function measure(database: BenchDatabase): Promise<Row> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pw-bench-files-'));
  const source = await makeSource(dir);
  const bare = await bareServer(dir, source);
  const server = await startServerProcess({
    dataDir: database.dir,
    databaseUrl: database.location.databaseUrl,
    token: TOKEN,
    admin: { email: 'bench-files@example.test', password: 'a long enough password' },
    // a shared machine can take a while to start tsx and migrate
    timeoutMs: 240_000,
    env: { FILES_MAX_BYTES: String(SIZE + 1024 * 1024) },
  });
  return withCleanup(
    async () => {
      await server.stop();
      await bare.close();
      await rm(dir, { recursive: true, force: true });
    },
    async () => {
      const deal = await call(server, 'POST', '/api/v2/deals', { title: 'Bench files' });
      const dealId = deal.body.data.id as number;
      const filesUrl = `${server.base}/api/v1/files`;
      // warm-up of both sides
      await upload(`${bare.base}/`, source, null);
      const warm = await upload(filesUrl, source, dealId);
      await download(`${server.base}/api/v1/files/${warm.id}/download`);
      await download(`${bare.base}/`);
      const up: number[] = [];
      const bareUp: number[] = [];
      const down: number[] = [];
      const bareDown: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        bareUp.push((await upload(`${bare.base}/`, source, null)).ms);
        const u = await upload(filesUrl, source, dealId);
        up.push(u.ms);
        bareDown.push(await download(`${bare.base}/`));
        down.push(await download(`${server.base}/api/v1/files/${u.id}/download`));
      }
      log(
        `  ${database.label}: upload ${median(up).toFixed(0)} ms (bare ${median(bareUp).toFixed(0)} ms), download ${median(down).toFixed(0)} ms (bare ${median(bareDown).toFixed(0)} ms)`,
      );

      // memory while CONCURRENT uploads run at once
      await new Promise((r) => setTimeout(r, 1000));
      const rssBefore = rssMb(server.pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => {
        rssPeak = Math.max(rssPeak, rssMb(server.pid));
      }, 20);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: CONCURRENT }, () => upload(filesUrl, source, dealId)));
      const concurrentMs = performance.now() - t0;
      clearInterval(sampler);
      log(
        `  ${CONCURRENT} uploads at once: ${(concurrentMs / 1000).toFixed(1)} s, RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB`,
      );
      return {
        database: database.label,
        up: median(up),
        bareUp: median(bareUp),
        down: median(down),
        bareDown: median(bareDown),
        rssBefore,
        rssPeak,
        concurrentMs,
      };
    },
  );
}

runBench(async () => {
  const run = runStart();
  const rows: Row[] = [];
  log(
    `files: ${MB} MB up and down through the API vs a bare HTTP stream, then ${CONCURRENT} uploads at once`,
  );
  const notes = await onEachDatabase(only, { bench: 'files' }, async (database) => {
    rows.push(await measure(database));
  });
  const ms = (v: number) => `${v.toFixed(0)} ms (${mbps(v).toFixed(0)} MB/s)`;
  const okUp = (r: Row) => r.bareUp / r.up >= FLOOR;
  const okDown = (r: Row) => r.bareDown / r.down >= FLOOR;
  const flat = (r: Row) => r.rssPeak - r.rssBefore <= MB;
  writeResults('files.md', [
    ...heading('Pipewright files benchmark', run),
    `A ${MB} MB file uploaded (multipart POST /api/v1/files: sniffed, hashed, written to DATA_DIR/files) and ` +
      `downloaded through the real server, against the same bytes piped over HTTP by a bare Node server in ` +
      `the same run; median of ${RUNS}. Bare time over Pipewright's time must be at least ${FLOOR}. Then ` +
      `${CONCURRENT} uploads of ${MB} MB at once: the server's resident memory must grow by at most ${MB} MB.`,
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: 'upload', right: true, cell: (r) => ms(r.up) },
        { head: 'bare upload (baseline)', right: true, cell: (r) => ms(r.bareUp) },
        { head: 'ratio', right: true, cell: (r) => ratio(r.bareUp, r.up) },
        { head: `≥ ${FLOOR}`, cell: (r) => (okUp(r) ? 'yes' : 'no') },
        { head: 'download', right: true, cell: (r) => ms(r.down) },
        { head: 'bare download (baseline)', right: true, cell: (r) => ms(r.bareDown) },
        { head: 'ratio', right: true, cell: (r) => ratio(r.bareDown, r.down) },
        { head: `≥ ${FLOOR}`, cell: (r) => (okDown(r) ? 'yes' : 'no') },
      ],
      rows,
    ),
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        {
          head: `${CONCURRENT} × ${MB} MB at once`,
          right: true,
          cell: (r) => `${(r.concurrentMs / 1000).toFixed(1)} s`,
        },
        { head: 'RSS before', right: true, cell: (r) => `${r.rssBefore.toFixed(0)} MB` },
        { head: 'RSS peak', right: true, cell: (r) => `${r.rssPeak.toFixed(0)} MB` },
        { head: `growth ≤ ${MB} MB`, cell: (r) => (flat(r) ? 'yes' : 'no') },
      ],
      rows,
    ),
    '',
    ...notesSection(notes),
  ]);
  if (rows.some((r) => !okUp(r) || !okDown(r) || !flat(r))) process.exitCode = 1;
});
