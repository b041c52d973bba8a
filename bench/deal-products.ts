/**
 * npm run bench:deal-products [-- --quick] [--only embedded|postgres] [--rounds 10]
 *
 * Products on a deal through the real app (buildApp, requests by inject, no socket), each beside a bare
 * SQL baseline measured in the same run on the same database:
 * - bulk add 100 lines to a new deal (POST /api/v2/deals/{id}/products/bulk: validation, products
 *   read, sums in exact decimals, the rules, audit events, the deal's value derived) against one bare
 *   multi-row INSERT of 100 deal_products rows;
 * - read a deal with 100 lines (GET /api/v2/deals/{id}/products?limit=100, and GET /api/v2/deals/{id}
 *   with its arr/mrr/acv computed from the lines) against a bare SELECT of the deal's 100 rows.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { type BenchCompany, createBenchCompany, rowsOf } from './lib/seed/company.ts';
import { median } from './lib/stats.ts';

const USAGE = 'tsx bench/deal-products.ts [--quick] [--only embedded|postgres] [--rounds 10]';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const ROUNDS = positive('rounds', args.rounds ?? (args.quick ? '3' : '10'), USAGE, true);
const LINES = 100;

interface Row {
  database: string;
  what: string;
  ms: number;
  baseline: number;
}

const rows: Row[] = [];
const checks: string[] = [];

async function call(
  app: FastifyInstance,
  c: BenchCompany,
  method: 'GET' | 'POST',
  url: string,
  body?: object,
) {
  const res = await app.inject({
    method,
    url,
    headers: { 'x-api-token': c.token },
    ...(body ? { payload: body } : {}),
  });
  if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json().data;
}

async function timed(one: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await one();
  return performance.now() - t0;
}

async function measure(database: BenchDatabase, db: Database) {
  const app = await buildApp({ database: db });
  try {
    const c = await createBenchCompany(db.db, `Deal products bench ${database.kind}`);
    const product = await call(app, c, 'POST', '/api/v2/products', { name: 'Skrivbord' });
    const newDeal = async () =>
      (await call(app, c, 'POST', '/api/v2/deals', { title: 'Kontorsmöbler', currency: 'SEK' })).id as number;
    const lines = Array.from({ length: LINES }, (_, i) => ({
      product_id: product.id,
      item_price: 1999.99 - i,
      quantity: 1 + (i % 7),
      discount: i % 3 === 0 ? 12.5 : 0,
      tax: 25,
      tax_method: 'exclusive',
      ...(i % 10 === 0 ? { billing_frequency: 'monthly', billing_frequency_cycles: 12 } : {}),
    }));
    const bulk = (dealId: number) =>
      call(app, c, 'POST', `/api/v2/deals/${dealId}/products/bulk`, { data: lines });
    const bareInsert = (dealId: number) =>
      db.db.execute(sql`INSERT INTO deal_products (company_id, deal_id, product_id, name, order_nr, item_price,
          quantity, tax, tax_method, currency, sum)
        SELECT ${c.companyId}, ${dealId}, ${product.id}, 'Skrivbord', g, 1999.99 - g, 1 + g % 7, 25,
          'exclusive', 'SEK', 2499.99
        FROM generate_series(1, ${LINES}) AS g`);
    // warm-up: statements prepared, code paths loaded
    await bulk(await newDeal());
    await bareInsert(await newDeal());

    const times = { bulk: [] as number[], insert: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      const a = await newDeal();
      const b = await newDeal();
      times.insert.push(await timed(() => bareInsert(b)));
      times.bulk.push(await timed(() => bulk(a)));
    }
    const insertMs = median(times.insert);
    rows.push({
      database: database.label,
      what: `${LINES} bare INSERTed rows (baseline)`,
      ms: insertMs,
      baseline: insertMs,
    });
    rows.push({
      database: database.label,
      what: `bulk add ${LINES} lines (API)`,
      ms: median(times.bulk),
      baseline: insertMs,
    });

    // one deal with 100 lines read again and again
    const dealId = await newDeal();
    await bulk(dealId);
    const list = () =>
      call(app, c, 'GET', `/api/v2/deals/${dealId}/products?limit=${LINES}&sort_by=order_nr`);
    const deal = () => call(app, c, 'GET', `/api/v2/deals/${dealId}`);
    const bareSelect = () =>
      db.db.execute(sql`SELECT * FROM deal_products WHERE company_id = ${c.companyId} AND deal_id = ${dealId}
        ORDER BY order_nr, id LIMIT ${LINES + 1}`);
    const got = (await list()) as unknown[];
    const bare = rowsOf(await bareSelect());
    checks.push(
      `${database.label}: the deal's lines read back ${got.length} by the API and ${bare.length} by SQL; ` +
        `the deal answers mrr ${(await deal()).mrr} (10 monthly lines), value ${(await deal()).value}`,
    );
    if (got.length !== LINES || bare.length !== LINES) process.exitCode = 1;
    const reads = { select: [] as number[], list: [] as number[], deal: [] as number[] };
    for (let r = 0; r < ROUNDS * 3; r++) {
      reads.select.push(await timed(bareSelect));
      reads.list.push(await timed(list));
      reads.deal.push(await timed(deal));
    }
    const selectMs = median(reads.select);
    rows.push({
      database: database.label,
      what: `bare SELECT of the ${LINES} rows (baseline)`,
      ms: selectMs,
      baseline: selectMs,
    });
    rows.push({
      database: database.label,
      what: `GET the deal's ${LINES} lines (API)`,
      ms: median(reads.list),
      baseline: selectMs,
    });
    rows.push({
      database: database.label,
      what: 'GET the deal (API: arr, mrr, acv from its lines)',
      ms: median(reads.deal),
      baseline: selectMs,
    });
  } finally {
    await app.close();
  }
}

runBench(async () => {
  const run = runStart();
  const notes = await onEachDatabase(only, { bench: 'deal_products' }, async (database) => {
    log(`${database.label} (${database.shown}): ${ROUNDS} rounds`);
    await measure(database, await database.open());
  });
  writeResults('deal-products.md', [
    ...heading(`Products on a deal: bulk add and read ${LINES} lines`, run),
    ...table(
      [
        { head: 'database', cell: (r: Row) => r.database },
        { head: 'what', cell: (r: Row) => r.what },
        { head: 'median', right: true, cell: (r: Row) => `${r.ms.toFixed(2)} ms` },
        { head: '× its baseline', right: true, cell: (r: Row) => ratio(r.ms, r.baseline) },
      ],
      rows,
    ),
    '',
    ...notesSection([...checks, ...notes], 'Checks'),
  ]);
});
