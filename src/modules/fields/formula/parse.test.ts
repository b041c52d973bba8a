import { describe, expect, it } from 'vitest';
import { FORMULA_KEY, HEX, knownField as known } from '../../../../test/helpers/formulas.ts';
import { dependencies, type Formula, type FormulaError, isFormulaError } from './ast.ts';
import { evaluate } from './evaluate.ts';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, parseFormula } from './parse.ts';

function parsed(expression: string): Formula {
  const result = parseFormula(expression, known);
  if (isFormulaError(result)) throw new Error(`${expression}: ${result.message} at ${result.position}`);
  return result;
}

function failure(expression: string): FormulaError {
  const result = parseFormula(expression, known);
  if (!isFormulaError(result)) throw new Error(`${expression} parsed`);
  return result;
}

/** value 1000, probability 40, activities_count 3, the custom field 2.5 */
const deal = { value: 1000, probability: 40, activities_count: 3, [HEX]: 2.5 };
const calc = (expression: string, values: Record<string, number | null> = deal) =>
  evaluate(parsed(expression), values);

describe('parseFormula and evaluate', () => {
  it('reads numbers as 1, 1.5 and .5, and fields by system key or 40-hex key', () => {
    expect(calc('{value} * 1')).toBe(1000);
    expect(calc('{value} * 1.5')).toBe(1500);
    expect(calc('{value} * .5')).toBe(500);
    expect(calc('{value} * 0007.250')).toBe(7250);
    expect(calc(`{${HEX}}`)).toBe(2.5);
    expect(calc('{activities_count}')).toBe(3);
  });

  it('adds, subtracts, multiplies and divides, in ASCII and as people type them', () => {
    expect(calc('{value} + 2')).toBe(1002);
    expect(calc('{value} - 2')).toBe(998);
    expect(calc('{value} * 2')).toBe(2000);
    expect(calc('{value} / 8')).toBe(125);
    expect(calc('{value} \u00d7 2')).toBe(2000);
    expect(calc('{value} \u00f7 8')).toBe(125);
    expect(calc('{value} \u2212 2')).toBe(998);
    expect(calc('{value} \u2013 2')).toBe(998);
  });

  it('binds * and / tighter than + and -, groups each left to right, and obeys parentheses', () => {
    expect(calc('{activities_count} + 2 * 4')).toBe(11);
    expect(calc('({activities_count} + 2) * 4')).toBe(20);
    expect(calc('{activities_count} * 4 - 2')).toBe(10);
    expect(calc('{value} - 100 - 10')).toBe(890);
    expect(calc('{value} - (100 - 10)')).toBe(910);
    expect(calc('{value} / 10 / 4')).toBe(25);
    expect(calc('{value} / (10 / 4)')).toBe(400);
    expect(calc('{value} / 10 * 4')).toBe(400);
    expect(calc('((({value})))')).toBe(1000);
  });

  it('reads a postfix % as a hundredth, binding tighter than any operator', () => {
    expect(calc('{value} * 10%')).toBe(100);
    expect(calc('{value} * {probability}%')).toBe(400);
    // after + or -, a bare percentage is a share of the left side (behaviour spec §3.14)
    expect(calc('{value} + 10%')).toBe(1100);
    expect(calc('{value} - 10%')).toBe(900);
    expect(calc('{value} - {probability}%')).toBe(600);
    expect(calc('{value} - (10)%')).toBe(900);
    expect(calc('{value} - -10%')).toBe(1000.1);
    expect(calc('10% + {value}')).toBe(1000.1);
    expect(calc('{value} * (10 + 15)%')).toBe(250);
    expect(calc('{value} * 10 %')).toBe(100);
    expect(calc('{value} * -10%')).toBe(-100);
    expect(calc('{value} * 2.5%')).toBe(25);
  });

  it('negates with a unary minus, which binds tighter than * and /', () => {
    expect(calc('-{value}')).toBe(-1000);
    expect(calc('-{value} * 2')).toBe(-2000);
    expect(calc('2 * -{value}')).toBe(-2000);
    expect(calc('{value} - -{value}')).toBe(2000);
    expect(calc('- - {value}')).toBe(1000);
    expect(calc('-({value} - 1)')).toBe(-999);
    expect(calc('\u2212{value}')).toBe(-1000);
  });

  it('ignores whitespace of any kind, and needs none', () => {
    expect(calc('{value}*2+1')).toBe(2001);
    expect(calc(' \t{value}\n*\u00a02 +\r\n1 ')).toBe(2001);
  });

  it('is empty when any field it reads is empty, even one multiplied by zero', () => {
    expect(calc('{value} * 0 + {probability}', { ...deal, value: null })).toBeNull();
    expect(calc('{value} + {probability}', { value: 1 })).toBeNull();
    expect(calc('-{value}%', { value: null })).toBeNull();
    expect(calc('{value} + 1', { value: Number.NaN })).toBeNull();
    expect(calc('{value} + 1', { value: Number.POSITIVE_INFINITY })).toBeNull();
    // a key that only looks like an own field of every object
    expect(calc('{value} + 1', Object.create({ value: 5 }))).toBeNull();
  });

  it('is empty on a division by zero, wherever it happens', () => {
    expect(calc('{value} / 0')).toBeNull();
    expect(calc('{value} / ({activities_count} - 3)')).toBeNull();
    expect(calc('1 + {value} / 0 * 0')).toBeNull();
    expect(calc('0 / {value}')).toBe(0);
  });

  it('is empty when a value leaves a double’s range, and never -0', () => {
    expect(calc('{value} * {value}', { value: 1e200 })).toBeNull();
    expect(calc('{value} * {value} / {value}', { value: 1e200 })).toBeNull();
    expect(Object.is(calc('-{value}', { value: 0 }), 0)).toBe(true);
    expect(Object.is(calc('{value} * -1', { value: 0 }), 0)).toBe(true);
  });

  it('keeps a double’s full precision: presenters round', () => {
    expect(calc('{value} / 3')).toBe(1000 / 3);
    expect(calc('{value} * 0 + 0.1 + 0.2')).toBe(0.1 + 0.2);
  });

  it('lists the fields it reads, once each, in order of appearance', () => {
    expect(dependencies(parsed(`{probability} * {value} + {${HEX}} - {value}%`))).toEqual([
      'probability',
      'value',
      HEX,
    ]);
  });
});

describe('parseFormula refuses, pointing at the first fault', () => {
  const cases: [string, FormulaError['code'], number][] = [
    ['', 'syntax', 0],
    ['   ', 'syntax', 0],
    ['{value} +', 'syntax', 9],
    ['{value} + * 2', 'syntax', 10],
    ['* {value}', 'syntax', 0],
    ['{value} 2', 'syntax', 8],
    ['{value} (2)', 'syntax', 8],
    ['({value} + 1', 'syntax', 12],
    ['({value} + 1 2)', 'syntax', 13],
    ['{value} + 1)', 'syntax', 11],
    ['()', 'syntax', 1],
    ['{value} $ 2', 'syntax', 8],
    ['{value} ^ 2', 'syntax', 8],
    ['{value} * 2,5', 'syntax', 11],
    ['{value', 'syntax', 6],
    ['{}', 'syntax', 1],
    ['{val ue}', 'syntax', 4],
    ['{value} * 1.', 'syntax', 12],
    ['{value} * 1. + 1', 'syntax', 12],
    ['{value} + .', 'syntax', 11],
    ['{value} * 10%%', 'syntax', 13],
    ['%', 'syntax', 0],
    ['{value} * 1e3', 'syntax', 11],
    ['value * 2', 'syntax', 0],
    ['{nope} + 1', 'unknown_field', 0],
    ['{value} + {VALUE}', 'unknown_field', 10],
    ['{value} + {nope} + $', 'unknown_field', 10],
    ['{value} + $ + {nope}', 'syntax', 10],
    ['1 + {title}', 'not_numeric', 4],
    ['{expected_close_date} - 1', 'not_numeric', 0],
    [`{value} * {${FORMULA_KEY}}`, 'formula_field', 10],
    ['1 + 2', 'no_field', 0],
    ['(10%)', 'no_field', 0],
    [`{value} * ${'9'.repeat(400)}`, 'number_too_large', 10],
  ];

  it.each(cases)('%j: %s at %i', (expression, code, position) => {
    expect(failure(expression)).toMatchObject({ code, position });
  });

  it('says what it expected, and names the field', () => {
    expect(failure('({value} + 1').message).toBe("Expected ')' to close the '(' at position 0");
    expect(failure('{value} 2').message).toBe('Expected an operator before 2');
    expect(failure('{nope} + 1').message).toBe('Unknown field {nope}');
    expect(failure('1 + {title}').message).toMatch(/\{title\} is a varchar field/);
    expect(failure(`{${FORMULA_KEY}} * 2`).message).toMatch(/cannot use a formula field/);
  });

  it(`takes at most ${MAX_FORMULA_LENGTH} characters`, () => {
    const longest = `{value}${' + 1'.repeat(247)} + 11`;
    expect(longest.length).toBe(MAX_FORMULA_LENGTH);
    expect(calc(longest)).toBe(1000 + 247 + 11);
    expect(failure(`${longest} `)).toMatchObject({ code: 'too_long', position: MAX_FORMULA_LENGTH });
    expect(failure('x'.repeat(5000))).toMatchObject({ code: 'too_long', position: MAX_FORMULA_LENGTH });
  });

  it(`nests parentheses and signs at most ${MAX_FORMULA_DEPTH} deep`, () => {
    const nested = (n: number) => `${'('.repeat(n)}{value}${')'.repeat(n)}`;
    expect(calc(nested(MAX_FORMULA_DEPTH))).toBe(1000);
    expect(failure(nested(MAX_FORMULA_DEPTH + 1))).toMatchObject({
      code: 'too_deep',
      position: MAX_FORMULA_DEPTH,
    });
    expect(calc(`${'-'.repeat(MAX_FORMULA_DEPTH)}{value}`)).toBe(1000);
    expect(failure(`${'-'.repeat(MAX_FORMULA_DEPTH + 1)}{value}`)).toMatchObject({
      code: 'too_deep',
      position: MAX_FORMULA_DEPTH,
    });
    expect(failure(`${'(-'.repeat(17)}{value}${')'.repeat(17)}`)).toMatchObject({
      code: 'too_deep',
      position: 32,
    });
    // depth is nesting, not length: a long sum of groups is fine
    expect(calc(`{value}${' + (1)'.repeat(150)}`)).toBe(1150);
  });
});
