/**
 * npm run bench:invoices [-- --quick] [--only embedded|postgres] [--rounds 5] [--concurrent 20]
 *
 * Invoice numbering under concurrency: the real app (buildApp, requests by inject, no socket) takes 20
 * concurrent POST /api/ext/deals/{id}/invoices at once, as drafts (no number) and issued at once
 * (`status: 'sent'`: the company's counter row lock, the number, the PDF rendered and stored), a few
 * rounds each, beside a baseline measured in the same run: 20 concurrent bare INSERTs of an invoice
 * row. After the run every issued number of the company must be 1..N exactly: no gap, no duplicate.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Database } from '../src/db/client.ts';
import { renderInvoicePdf } from '../src/modules/invoices/pdf.ts';
import { getInvoice } from '../src/modules/invoices/reads.ts';
import { type BenchDatabase, onEachDatabase } from './lib/database.ts';
import { heading, notesSection, ratio, runStart, table, writeResults } from './lib/report.ts';
import { log, onlyOf, positive, runBench } from './lib/run.ts';
import { type BenchCompany, createBenchCompany, rowsOf } from './lib/seed/company.ts';
import { median } from './lib/stats.ts';

const USAGE = 'tsx bench/invoices.ts [--quick] [--only embedded|postgres] [--rounds 5] [--concurrent 20]';
const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    rounds: { type: 'string' },
    concurrent: { type: 'string' },
  },
});
const only = onlyOf(args.only, USAGE);
const ROUNDS = positive('rounds', args.rounds ?? (args.quick ? '2' : '5'), USAGE, true);
const CONCURRENT = positive('concurrent', args.concurrent ?? '20', USAGE, true);

interface Row {
  database: string;
  batch: string;
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

/** A deal with three product lines (25 % VAT on top), the invoices' source. */
async function dealOf(app: FastifyInstance, c: BenchCompany): Promise<number> {
  const deal = await call(app, c, 'POST', '/api/v2/deals', { title: 'Kontorsmöbler', currency: 'SEK' });
  const product = await call(app, c, 'POST', '/api/v2/products', { name: 'Skrivbord' });
  await call(app, c, 'POST', `/api/v2/deals/${deal.id}/products/bulk`, {
    data: [1999.99, 149.5, 12].map((price, i) => ({
      product_id: product.id,
      item_price: price,
      quantity: i + 1,
      tax: 25,
      tax_method: 'exclusive',
    })),
  });
  return deal.id as number;
}

/** The wall time of `n` calls started together. */
async function batch(n: number, one: (i: number) => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, (_, i) => one(i)));
  return performance.now() - t0;
}

async function measure(database: BenchDatabase, db: Database) {
  const app = await buildApp({ database: db });
  try {
    const c = await createBenchCompany(db.db, `Invoice bench ${database.kind}`);
    const dealId = await dealOf(app, c);
    const bare = () =>
      db.db.execute(sql`INSERT INTO invoices (company_id, deal_id, issue_date, due_date, currency, seller, buyer,
          net, tax_amount, total)
        VALUES (${c.companyId}, ${dealId}, CURRENT_DATE, CURRENT_DATE, 'SEK', '{}'::jsonb, '{}'::jsonb, 0, 0, 0)`);
    const create = (status: 'draft' | 'sent') => () =>
      call(app, c, 'POST', `/api/ext/deals/${dealId}/invoices`, { status });
    // warm-up: statements prepared, fonts read, the counter made
    await create('sent')();
    await bare();
    const times = { bare: [] as number[], draft: [] as number[], sent: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      times.bare.push(await batch(CONCURRENT, bare));
      times.draft.push(await batch(CONCURRENT, create('draft')));
      times.sent.push(await batch(CONCURRENT, create('sent')));
    }
    const baseline = median(times.bare);
    for (const [b, list] of [
      [`${CONCURRENT} bare INSERTs (baseline)`, times.bare],
      [`${CONCURRENT} drafts (API: lines, totals, audit)`, times.draft],
      [`${CONCURRENT} issued (API: + counter lock, number, PDF)`, times.sent],
    ] as const) {
      rows.push({ database: database.label, batch: b, ms: median([...list]), baseline });
    }

    const numbers = rowsOf(
      await db.db.execute(sql`SELECT number FROM invoices WHERE company_id = ${c.companyId} AND number IS NOT NULL
        ORDER BY number`),
    ).map((r) => Number(r.number));
    const expected = 1 + ROUNDS * CONCURRENT;
    const distinct = new Set(numbers).size;
    const gaps = numbers.filter((n, i) => n !== i + 1).length;
    const ok = numbers.length === expected && distinct === expected && gaps === 0;
    checks.push(
      `${database.label}: ${numbers.length} issued invoices numbered ${numbers[0]}..${numbers.at(-1)}, ` +
        `${numbers.length - distinct} duplicates, ${gaps} out of place: ${ok ? 'no gap, no duplicate' : '**FAILED**'}`,
    );
    if (!ok) process.exitCode = 1;

    const full = await call(app, c, 'GET', `/api/ext/deals/${dealId}/invoices`);
    const pdfTimes: number[] = [];
    const ctx = {
      db: db.db,
      companyId: c.companyId,
      user: { id: c.userId, isAdmin: true },
      actor: { type: 'system' as const, userId: null, source: 'system' as const },
    };
    const one = await getInvoice(ctx, full[0].id);
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      await renderInvoicePdf(one);
      pdfTimes.push(performance.now() - t0);
    }
    checks.push(
      `${database.label}: one invoice PDF renders in ${median(pdfTimes).toFixed(1)} ms (median of 10)`,
    );
  } finally {
    await app.close();
  }
}

runBench(async () => {
  const run = runStart();
  const notes = await onEachDatabase(only, { bench: 'invoices' }, async (database) => {
    log(`${database.label} (${database.shown}): ${ROUNDS} rounds of ${CONCURRENT} concurrent requests`);
    await measure(database, await database.open());
  });
  writeResults('invoices.md', [
    ...heading('Invoice numbering under concurrency', run),
    ...table(
      [
        { head: 'database', cell: (r: Row) => r.database },
        { head: 'batch (started together)', cell: (r: Row) => r.batch },
        { head: 'wall time, median of rounds', right: true, cell: (r: Row) => `${r.ms.toFixed(1)} ms` },
        { head: 'per request', right: true, cell: (r: Row) => `${(r.ms / CONCURRENT).toFixed(2)} ms` },
        { head: '× bare INSERTs', right: true, cell: (r: Row) => ratio(r.ms, r.baseline) },
      ],
      rows,
    ),
    '',
    ...notesSection([...checks, ...notes], 'Numbers and PDF'),
  ]);
});
