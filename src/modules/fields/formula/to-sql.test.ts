import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { testDatabase } from '../../../../test/helpers/db.ts';
import {
  AMOUNT_KEYS,
  INT_KEYS,
  knownField,
  magnitude,
  randomExpression,
  randomValues,
  seeded,
} from '../../../../test/helpers/formulas.ts';
import { type Formula, isFormulaError } from './ast.ts';
import { evaluate } from './evaluate.ts';
import { parseFormula } from './parse.ts';
import { toSql } from './to-sql.ts';

function parsed(expression: string): Formula {
  const result = parseFormula(expression, knownField);
  if (isFormulaError(result)) throw new Error(`${expression}: ${result.message} at ${result.position}`);
  return result;
}

type Row = Record<string, unknown>;
async function rows(query: SQL): Promise<Row[]> {
  const { db } = await testDatabase();
  return ((await db.execute(query)) as unknown as { rows: Row[] }).rows;
}

const asNumber = (v: unknown) => (v === null ? null : Number(v));

/** The formula's value in SQL, each field a constant of its column type (int fields as int). */
async function inSql(expression: string, values: Record<string, number | null>): Promise<number | null> {
  const column = (key: string) => {
    const v = values[key] ?? null;
    const text = v === null ? null : String(v);
    return knownField(key)?.fieldType === 'int' ? sql`${text}::int` : sql`${text}::numeric`;
  };
  const [row] = await rows(sql`select (${toSql(parsed(expression), column)})::text as r`);
  return asNumber(row?.r);
}

describe('toSql', () => {
  const deal = { value: 1000, probability: 40, activities_count: 3 };

  it('computes every operator, precedence, percent and sign as evaluate does', async () => {
    const cases = [
      '{value} + 2',
      '{value} \u2212 2',
      '{value} \u00d7 2',
      '{value} \u00f7 8',
      '{activities_count} + 2 * 4',
      '({activities_count} + 2) * 4',
      '{value} - 100 - 10',
      '{value} / 10 / 4',
      '{value} * {probability}%',
      '{value} * -10%',
      '{value} - 10%',
      '{value} + {probability}%',
      '({value} - 10%) * 2 - 5%',
      '-{value} * 2',
      '- - {value}',
      '{value} * .5 + 1.25',
    ];
    for (const expression of cases)
      expect(await inSql(expression, deal), expression).toBe(evaluate(parsed(expression), deal));
  });

  it('divides integer fields as numbers, not as integers', async () => {
    expect(await inSql('{activities_count} / {i1}', { ...deal, i1: 2 })).toBe(1.5);
    expect(await inSql('{activities_count}% * {i1}', { ...deal, i1: 2 })).toBe(0.06);
  });

  it('is NULL when a field is, and on a division by zero', async () => {
    expect(await inSql('{value} * 0 + {probability}', { ...deal, value: null })).toBeNull();
    expect(await inSql('-{value}%', { value: null })).toBeNull();
    expect(await inSql('{value} / 0', deal)).toBeNull();
    expect(await inSql('{value} / ({activities_count} - 3)', deal)).toBeNull();
    expect(await inSql('1 + {value} / 0 * 0', deal)).toBeNull();
    expect(await inSql('0 / {value}', deal)).toBe(0);
  });

  it('reads constants exactly, as bound parameters', async () => {
    const query = toSql(parsed('{value} * 0.1 + 0.2'), () => sql`1`);
    const { sql: text, params } = new PgDialect().sqlToQuery(query);
    expect(params).toEqual(['0.1', '0.2']);
    expect(text).not.toMatch(/0\.[12]/);
    expect(await inSql('{value} * 0.1 + 0.2', { value: 1 })).toBe(0.3);
  });

  it('runs the longest and the deepest formulas', async () => {
    const longest = `{value}${' + 1'.repeat(248)}`;
    expect(await inSql(longest, deal)).toBe(1248);
    const deepest = `${'(-'.repeat(16)}{value}${')'.repeat(16)}`;
    expect(await inSql(deepest, deal)).toBe(1000);
  });

  it('agrees with evaluate on random formulas and inputs, up to rounding', async () => {
    const random = seeded(7_919);
    const keys = [...INT_KEYS, ...AMOUNT_KEYS];
    let compared = 0;
    let empty = 0;
    for (let i = 0; i < 200; i++) {
      const expression = randomExpression(random, 5);
      const formula = parseFormula(expression, knownField);
      if (isFormulaError(formula)) continue; // a formula of constants only
      const inputs = Array.from({ length: 20 }, () => randomValues(random));
      const arrays = keys.map((k) => {
        const list = inputs.map((v) => (v[k] === null ? 'NULL' : String(v[k])));
        // integer fields as integer columns: two of them must not divide as integers
        const type = knownField(k)?.fieldType === 'int' ? sql`int[]` : sql`numeric[]`;
        return sql`${`{${list.join(',')}}`}::${type}`;
      });
      const results = await rows(sql`
        select (${toSql(formula, (key) => sql`${sql.identifier(key)}`)})::text as r
        from unnest(${sql.join(arrays, sql`, `)}) with ordinality as t(${sql.raw(keys.join(', '))}, ord)
        order by ord`);
      inputs.forEach((values, n) => {
        const expected = evaluate(formula, values);
        const actual = asNumber(results[n]?.r);
        const where = `${expression} over ${JSON.stringify(values)}`;
        if (expected === null) {
          empty++;
          expect(actual, where).toBeNull();
        } else {
          expect(actual, where).not.toBeNull();
          expect(Math.abs((actual as number) - expected), where).toBeLessThanOrEqual(
            1e-9 * magnitude(formula.root, values),
          );
        }
        compared++;
      });
    }
    // the generator makes both empty and non-empty results in number
    expect(compared).toBeGreaterThan(3000);
    expect(empty).toBeGreaterThan(compared / 10);
    expect(compared - empty).toBeGreaterThan(compared / 3);
  });

  it('recalculates a whole table in one set-based UPDATE', async () => {
    const { db } = await testDatabase();
    const formula = parsed('({value} - {activities_count} * 10) * {probability}% / {activities_count}');
    const checked = await db.transaction(async (tx) => {
      await tx.execute(sql`
        create temp table formula_check (id int primary key, value numeric, probability numeric,
          activities_count int, result numeric) on commit drop`);
      await tx.execute(sql`
        insert into formula_check
        select g, g * 12.5, case when g % 11 = 0 then null else g % 100 end, g % 7, null
        from generate_series(1, 10000) g`);
      await tx.execute(
        sql`update formula_check set result = ${toSql(formula, (key) => sql`${sql.identifier(key)}`)}`,
      );
      const result = await tx.execute(
        sql`select id, value, probability, activities_count, result::text as result from formula_check order by id`,
      );
      return (result as unknown as { rows: Row[] }).rows;
    });
    expect(checked).toHaveLength(10000);
    let empty = 0;
    for (const row of checked) {
      const values = {
        value: Number(row.value),
        probability: asNumber(row.probability),
        activities_count: Number(row.activities_count),
      };
      const expected = evaluate(formula, values);
      if (expected === null) {
        empty++;
        expect(row.result, `deal ${row.id}`).toBeNull();
      } else expect(Number(row.result), `deal ${row.id}`).toBeCloseTo(expected, 6);
    }
    // no probability (every 11th) or no activities (every 7th): empty, not 0
    const every = (n: number) => Math.floor(10000 / n);
    expect(empty).toBe(every(11) + every(7) - every(77));
  });
});
