/**
 * EXPLAIN ANALYZE of every statement of one conversion chunk (bench/conversion.ts --explain): runs
 * convertLeadChunk on `bulkSettings.chunkSize` leads in a transaction that is rolled back at the end,
 * and before each statement runs, runs it once more under EXPLAIN (ANALYZE, BUFFERS) inside a
 * savepoint that is rolled back, so that the statement then does its real work on the same state.
 * Works on both drivers (the statement's own client runs the EXPLAIN).
 */
import { PgPreparedQuery } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/db/client.ts';
import { inTx } from '../../src/modules/context.ts';
import { bulkSettings } from '../../src/modules/conversion/bulk.ts';
import { convertLeadChunk } from '../../src/modules/conversion/lead-chunk.ts';
import { resolveStage } from '../../src/modules/pipelines/service.ts';
import type { ConvTenant } from '../lib/seed/conversion.ts';
import { adminCtx } from './bulk.ts';

type QueryWithCache = (
  queryString: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;
interface Client {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

class RolledBack extends Error {}

/** The plans of the chunk's statements, as markdown lines (one fenced block per statement). */
export async function explainChunk(db: Db, t: ConvTenant): Promise<string[]> {
  const ctx = adminCtx(db, t);
  const stage = await resolveStage(ctx, {});
  const items = t.leadIds
    .slice(0, bulkSettings.chunkSize)
    .map((leadId, i) => ({ leadId, conversionId: crypto.randomUUID(), n: i }));
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache };
  const original = proto.queryWithCache;
  const out: string[] = [];
  let active = false;
  proto.queryWithCache = async function (this: { client: Client }, text, params, query) {
    if (active && /^\s*(select|insert|update|delete|with)\b/i.test(text)) {
      await this.client.query('SAVEPOINT pw_explain');
      const plan = await this.client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, params);
      await this.client.query('ROLLBACK TO SAVEPOINT pw_explain');
      out.push(
        '```',
        text.replace(/\s+/g, ' ').trim().slice(0, 300),
        '',
        ...plan.rows.map((r) => String(Object.values(r)[0])),
        '```',
        '',
      );
    }
    return original.call(this, text, params, query);
  };
  try {
    await inTx(ctx, async (tx) => {
      active = true;
      await convertLeadChunk(
        tx,
        items.map(({ leadId, conversionId }) => ({ leadId, conversionId })),
        { stage, isBulk: true },
      );
      active = false;
      throw new RolledBack();
    });
  } catch (err) {
    if (!(err instanceof RolledBack)) throw err;
  } finally {
    active = false;
    proto.queryWithCache = original;
  }
  return out;
}
