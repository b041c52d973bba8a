/**
 * Where the time of a bulk conversion goes (bench/conversion.ts --profile): times every statement
 * Drizzle sends, on either driver, by wrapping PgPreparedQuery.queryWithCache (the one place both the
 * PGlite and the node-postgres sessions hand a statement to their client), grouped by the statement's
 * text. Time not spent in statements is JavaScript (building events, results, progress) and waiting.
 */
import { PgPreparedQuery } from 'drizzle-orm/pg-core';

export interface StatementTime {
  statement: string;
  count: number;
  ms: number;
}

type QueryWithCache = (
  queryString: string,
  params: unknown[],
  query: () => Promise<unknown>,
) => Promise<unknown>;

/** A statement's text reduced to its first words, so that its repetitions fall in one group. */
function keyOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').replace(/\$\d+/g, '?').trim();
  return flat.length > 110 ? `${flat.slice(0, 110)}…` : flat;
}

/** Starts timing statements; `stop()` ends it and answers the groups, slowest total first. */
export function profileStatements(): { stop(): StatementTime[] } {
  const proto = PgPreparedQuery.prototype as unknown as { queryWithCache: QueryWithCache };
  const original = proto.queryWithCache;
  const groups = new Map<string, StatementTime>();
  proto.queryWithCache = async function (this: unknown, queryString, params, query) {
    const t0 = performance.now();
    try {
      return await original.call(this, queryString, params, query);
    } finally {
      const key = keyOf(queryString);
      const g = groups.get(key) ?? { statement: key, count: 0, ms: 0 };
      g.count++;
      g.ms += performance.now() - t0;
      groups.set(key, g);
    }
  };
  return {
    stop() {
      proto.queryWithCache = original;
      return [...groups.values()].sort((a, b) => b.ms - a.ms);
    },
  };
}

/** Markdown lines: the statements (top `limit`) and the share of the total outside statements. */
export function profileLines(label: string, totalMs: number, times: StatementTime[], limit = 12): string[] {
  const inStatements = times.reduce((s, t) => s + t.ms, 0);
  return [
    `${label}: ${(totalMs / 1000).toFixed(2)} s in all, ${(inStatements / 1000).toFixed(2)} s in statements ` +
      `(${times.reduce((s, t) => s + t.count, 0)} statements), ${((totalMs - inStatements) / 1000).toFixed(2)} s ` +
      'outside them (JavaScript)',
    '',
    '| statement | count | total | per call |',
    '|---|---:|---:|---:|',
    ...times
      .slice(0, limit)
      .map(
        (t) =>
          `| \`${t.statement.replace(/\|/g, '\\|')}\` | ${t.count} | ${t.ms.toFixed(0)} ms | ` +
          `${(t.ms / t.count).toFixed(2)} ms |`,
      ),
  ];
}
