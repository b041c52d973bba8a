import { connect } from 'node:net';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { issueApiToken } from '../../src/modules/users/service.ts';
import { makeDeal, makeLead, makeOrganization, makePerson } from '../factories/index.ts';
import { newTenant, type Tenant, testApp } from '../helpers/app.ts';
import { testDatabase } from '../helpers/db.ts';
import {
  ADVERSARIAL,
  type Case,
  casesFor,
  envelopeViolation,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  type World,
} from './corpus.ts';

/** Cases drawn per operation besides those always sent (hostile huge strings). */
const PER_OPERATION = 10;

/** Requests come from an address of their own: the log-in throttle of other tests is not touched. */
const REMOTE_ADDRESS = '203.0.113.77';

// The operations come from the server's own document, read before the tests are collected.
const app = await testApp();
const doc = (await app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
const operations: Operation[] = operationsOf(doc);

let t: Tenant;
let world: World;

async function makeWorld(tenant: Tenant): Promise<World> {
  const ok = async (res: Promise<{ status: number; body: any }>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`world: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.data;
  };
  const lead = (await makeLead(tenant, { title: 'Corpus lead' })).id;
  const pipeline = (await ok(tenant.get('/api/v2/pipelines')))[0].id as number;
  const deal = (await makeDeal(tenant)).id;
  const note = await ok(tenant.post('/api/v1/notes', { content: '<p>corpus</p>', deal_id: deal }));
  const person = (await makePerson(tenant)).id;
  const fieldCodes: Record<string, string> = {};
  for (const segment of ['dealFields', 'personFields', 'organizationFields', 'productFields']) {
    const body = { field_name: 'Corpus', field_type: 'enum', options: [{ label: 'A' }, { label: 'B' }] };
    fieldCodes[segment] = (await ok(tenant.post(`/api/v2/${segment}`, body))).field_code;
  }
  fieldCodes.activityFields = 'subject';
  return {
    fieldCodes,
    person,
    organization: (await makeOrganization(tenant)).id,
    deal,
    lead,
    leadLabel: (await ok(tenant.post('/api/v1/leadLabels', { name: 'Corpus', color: 'blue' }))).id,
    pipeline,
    stage: (await ok(tenant.get('/api/v2/stages', { pipeline_id: pipeline })))[0].id,
    activity: (await ok(tenant.post('/api/v2/activities', { subject: 'Corpus' }))).id,
    activityType: (await ok(tenant.get('/api/v1/activityTypes')))[0].id,
    note: note.id,
    comment: (await ok(tenant.post(`/api/v1/notes/${note.id}/comments`, { content: 'corpus' }))).uuid,
    user: tenant.userId,
    job: (
      await ok(
        tenant.post('/api/ext/leads/convert', {
          lead_ids: [(await makeLead(tenant, { title: 'Corpus job' })).id],
        }),
      )
    ).job_id,
    conversion: (
      await ok(
        tenant.post(
          `/api/v2/leads/${(await makeLead(tenant, { title: 'Corpus conversion' })).id}/convert/deal`,
          {},
        ),
      )
    ).conversion_id,
  };
}

/**
 * What the company has stored: per table with a company_id, its rows and the newest transaction
 * that wrote one (xmin), so an insert, update or delete shows.
 */
let companyTables: string[] | undefined;

async function rowsOf<T>(tenant: Tenant, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await tenant.db.execute(query)) as unknown as { rows: T[] }).rows;
}

async function fingerprint(tenant: Tenant): Promise<string> {
  companyTables ??= (
    await rowsOf<{ table_name: string }>(
      tenant,
      sql`SELECT table_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_name = 'company_id' ORDER BY table_name`,
    )
  ).map((r) => r.table_name);
  const parts = companyTables.map(
    (name) =>
      sql`SELECT ${name} AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS x
          FROM ${sql.identifier(name)} WHERE company_id = ${tenant.companyId}`,
  );
  const rows = await rowsOf<{ t: string; n: string; x: string }>(tenant, sql.join(parts, sql` UNION ALL `));
  return rows.map((r) => `${r.t}=${r.n}/${r.x}`).join(' ');
}

beforeAll(async () => {
  t = await newTenant();
  world = await makeWorld(t);
  // Reads that set up a company's defaults on first use (activity types, labels) happen here, not
  // in a refused request.
  for (const op of operations.filter((o) => o.method === 'GET' && o.pathParams.length === 0)) {
    await t.get(op.path);
  }
}, 120_000);

interface Outcome {
  c: Case;
  status: number;
  problem: string;
}

async function send(c: Case, token: string) {
  return app.inject({
    method: c.method as 'GET',
    url: c.url,
    headers: { 'x-api-token': token, ...c.headers },
    remoteAddress: REMOTE_ADDRESS,
    ...(c.payload !== undefined ? { payload: c.payload } : {}),
  });
}

let sent = 0;
let refused = 0;

describe('bad-input corpus from the OpenAPI document', () => {
  it('covers every documented operation, and sees what a request writes', async () => {
    expect(operations.length).toBeGreaterThan(50);
    // the write check is not a rubber stamp: a new row changes the fingerprint
    const before = await fingerprint(t);
    await makePerson(t, { name: 'Fingerprint check' });
    expect(await fingerprint(t)).not.toBe(before);
    // the envelope check is not a rubber stamp: Fastify's own error shape fails it
    expect(
      envelopeViolation(414, { error: 'URI Too Long', code: 'FST_ERR_MAX_PARAM_LENGTH' }),
    ).not.toBeNull();
  });

  it.each(operations.map((op) => [op.name, op] as const))(
    '%s: no 5xx, every refusal in the envelope, nothing written by a refusal',
    async (_name, op) => {
      // a fresh token: an accepted request may have revoked the previous one
      const token = await issueApiToken(t.ctx, t.userId);
      const problems: Outcome[] = [];
      const cases = casesFor(op, world, PER_OPERATION);
      expect(cases.length).toBeGreaterThanOrEqual(8);
      let before = await fingerprint(t);
      for (const c of cases) {
        const res = await send(c, token);
        sent++;
        let body: unknown;
        try {
          body = res.json();
        } catch {
          body = res.body.slice(0, 200);
        }
        if (res.statusCode >= 500)
          problems.push({ c, status: res.statusCode, problem: JSON.stringify(body) });
        if (res.statusCode >= 400) {
          refused++;
          const violation = envelopeViolation(res.statusCode, body);
          if (violation) problems.push({ c, status: res.statusCode, problem: violation });
          const after = await fingerprint(t);
          if (after !== before)
            problems.push({ c, status: res.statusCode, problem: 'a refused request wrote' });
          before = after;
        } else {
          before = await fingerprint(t);
        }
      }
      expect(problems.map((p) => `${p.c.label} → ${p.status}: ${p.problem}`)).toEqual([]);
    },
    60_000,
  );

  it('sent requests and had them refused', () => {
    expect(sent).toBeGreaterThan(operations.length * PER_OPERATION);
    expect(refused).toBeGreaterThan(sent / 2);
  });
});

// ---------------------------------------------------------------- over a socket

/** Sends raw bytes and reads the answer until the server closes the connection. */
function rawRequest(port: number, bytes: Buffer | string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer in 10 s')));
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (e) => (chunks.length > 0 ? undefined : reject(e)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    socket.write(bytes);
  });
}

describe('hostile requests that Node or the router refuse before a route', () => {
  let server: FastifyInstance;
  let port: number;
  let token: string;

  beforeAll(async () => {
    server = await buildApp({ database: await testDatabase() });
    await server.listen({ port: 0, host: '127.0.0.1' });
    port = (server.server.address() as { port: number }).port;
    token = await issueApiToken(t.ctx, t.userId);
  });
  afterAll(async () => {
    await server?.close();
  });

  const head = (line: string, headers: string[] = []) =>
    `${line}\r\nHost: localhost\r\nX-Api-Token: ${token}\r\nConnection: close\r\n${headers.map((h) => `${h}\r\n`).join('')}\r\n`;

  const cases: Array<[string, () => Buffer | string, number]> = [
    ['a path parameter over the limit', () => head(`GET /api/v2/persons/${'1'.repeat(300)} HTTP/1.1`), 414],
    ['bad percent-encoding in the path', () => head('GET /api/v2/persons/%E0%A4%A HTTP/1.1'), 400],
    ['an encoded lone surrogate in the path', () => head('GET /api/v2/persons/%ED%A0%80 HTTP/1.1'), 400],
    [
      'a URL larger than the header limit',
      () => head(`GET /api/v2/persons?q=${'a'.repeat(20_000)} HTTP/1.1`),
      431,
    ],
    [
      'a header larger than the limit',
      () => head('GET /api/v2/persons HTTP/1.1', [`X-Big: ${'a'.repeat(20_000)}`]),
      431,
    ],
    ['a request line that is not HTTP', () => 'GARBAGE\r\n\r\n', 400],
    ['a NUL in a header', () => head('GET /api/v2/persons HTTP/1.1', ['X-Odd: a\u0000b']), 400],
    [
      'a Content-Length that is not a number',
      () => head('POST /api/v2/persons HTTP/1.1', ['Content-Length: abc']),
      400,
    ],
    [
      'both Content-Length and Transfer-Encoding',
      () => head('POST /api/v2/persons HTTP/1.1', ['Content-Length: 3', 'Transfer-Encoding: chunked']),
      400,
    ],
    [
      'raw invalid UTF-8 bytes in the path',
      () =>
        Buffer.concat([
          Buffer.from('GET /api/v2/persons/'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(head(' HTTP/1.1').slice(1)),
        ]),
      400,
    ],
  ];

  it.each(cases)('%s: answered in the envelope', async (_label, bytes, expected) => {
    const res = await rawRequest(port, bytes());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.status).toBe(expected);
    expect(envelopeViolation(res.status, JSON.parse(res.body))).toBeNull();
  });

  it('stays responsive while huge hostile bodies arrive', async () => {
    const [, make] = ADVERSARIAL[0]!;
    const body = JSON.stringify({ name: 'x', emails: [{ value: make() }] });
    const req = `POST /api/v2/persons HTTP/1.1\r\nHost: localhost\r\nX-Api-Token: ${token}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const [hostile, health] = await Promise.all([
      rawRequest(port, req),
      rawRequest(port, 'GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
    ]);
    expect(hostile.status).toBe(400);
    expect(JSON.parse(hostile.body).error).toContain('emails.0.value');
    expect(health.status).toBe(200);
  });
});
