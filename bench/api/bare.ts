import http from 'node:http';
import type pg from 'pg';
import { type Answer, ceilingWork } from './ceiling.ts';

/**
 * The bare ceiling: the benchmarked requests on a plain `node:http` server — no framework, no routing
 * library, no schema — over the same SQL as the Fastify ceiling (ceilingWork) on the driver the app
 * uses. bench/api/server.ts runs it in a process of its own, with a pool (PostgreSQL) or an embedded
 * database (a copy of the seeded one) of its own, so nothing of the app's heap or event loop is shared.
 * What the app does above this is the price of its framework, schemas, auth and domain code.
 */
export function buildBare(pool: pg.Pool, tenant: { companyId: number; userId: number; token: string }) {
  const work = ceilingWork(pool, tenant);
  const send = (res: http.ServerResponse, a: Answer) => {
    const json = JSON.stringify(a.body);
    res.writeHead(a.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  };
  const fail = (res: http.ServerResponse, err: unknown) => {
    if (!res.headersSent) send(res, { status: 500, body: { success: false, error: String(err) } });
  };

  return http.createServer((req, res) => {
    if (req.headers['x-api-token'] !== tenant.token) {
      req.resume();
      return send(res, { status: 401, body: { success: false, error: 'unauthorized access' } });
    }
    const url = new URL(req.url ?? '/', 'http://bare');
    if (req.method === 'GET' && url.pathname === '/api/v1/leads') {
      const q = {
        limit: url.searchParams.get('limit') ?? undefined,
        start: url.searchParams.get('start') ?? undefined,
      };
      work.listLeads(q).then(
        (a) => send(res, a),
        (err) => fail(res, err),
      );
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/api/v2/deals/')) {
      work.getDeal(url.pathname.slice('/api/v2/deals/'.length)).then(
        (a) => send(res, a),
        (err) => fail(res, err),
      );
      return;
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/leads') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        let body: { title?: unknown; person_id?: unknown } | undefined;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(res, { status: 400, body: { success: false, error: 'bad JSON' } });
        }
        work.addLead(body).then(
          (a) => send(res, a),
          (err) => fail(res, err),
        );
      });
      return;
    }
    req.resume();
    send(res, { status: 404, body: { success: false, error: 'not found' } });
  });
}
