import type { FieldRef, Formula, FormulaNode } from '../../src/modules/fields/formula/ast.ts';
import { evaluate } from '../../src/modules/fields/formula/evaluate.ts';

export { prng as seeded } from '../bad-input/corpus.ts';

/** A 40-hex custom field key, and a formula field's. */
export const HEX = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
export const FORMULA_KEY = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0';

/** Integer fields (i1…i3) and amounts (m1, m2) the random formulas read. */
export const INT_KEYS = ['i1', 'i2', 'i3'] as const;
export const AMOUNT_KEYS = ['m1', 'm2'] as const;

const FIELDS: Readonly<Record<string, FieldRef>> = {
  value: { fieldType: 'monetary' },
  probability: { fieldType: 'double' },
  activities_count: { fieldType: 'int' },
  [HEX]: { fieldType: 'double' },
  title: { fieldType: 'varchar' },
  expected_close_date: { fieldType: 'date' },
  [FORMULA_KEY]: { fieldType: 'monetary', isFormula: true },
  ...Object.fromEntries(INT_KEYS.map((k) => [k, { fieldType: 'int' }])),
  ...Object.fromEntries(AMOUNT_KEYS.map((k) => [k, { fieldType: 'monetary' }])),
};

/** The fields the formula tests know, as the fields module will describe them. */
export const knownField = (key: string): FieldRef | undefined =>
  Object.hasOwn(FIELDS, key) ? FIELDS[key] : undefined;

/**
 * A random expression over i1…i3, m1 and m2 using every operator, percent, sign and parentheses,
 * spelled in ASCII or as people type it, parenthesized or left to precedence. What follows a `/` is
 * built from integers, +, - and * only, so whether it is zero is exact in a double and in numeric
 * alike: the two arithmetics then agree on which results are empty and differ only by rounding.
 */
export function randomExpression(random: () => number, depth: number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = () => String(Math.floor(random() * 13));
  const space = () => pick(['', ' ', ' ', '  ', '\t']);
  const leaf = (exact: boolean): string =>
    exact
      ? random() < 0.4
        ? int()
        : `{${pick(INT_KEYS)}}`
      : pick([
          int,
          () => `${Math.floor(random() * 1000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
          () => `.${Math.floor(random() * 10)}`,
          () => `{${pick(INT_KEYS)}}`,
          () => `{${pick(AMOUNT_KEYS)}}`,
          () => `{${pick(AMOUNT_KEYS)}}`,
        ])();
  const isLeaf = (s: string) => /^(\d+(\.\d+)?|\.\d+|\{\w+\})$/.test(s);
  const build = (depth: number, exact: boolean, underPercent: boolean): string => {
    if (depth === 0 || random() < 0.2) return leaf(exact);
    const kind = pick(exact ? ['+', '-', '*', '+', '-', '*', 'neg'] : ['+', '-', '*', '/', '/', 'neg', '%']);
    if (kind === 'neg') {
      const operand = build(depth - 1, exact, false);
      return `${pick(['-', '\u2212'])}${isLeaf(operand) ? operand : `(${operand})`}`;
    }
    if (kind === '%') {
      // a percentage of a percentage (10%%) is refused, so none is made
      if (underPercent) return leaf(exact);
      const operand = build(depth - 1, exact, true);
      return `${isLeaf(operand) ? operand : `(${operand})`}${space()}%`;
    }
    const glyph =
      kind === '+'
        ? '+'
        : kind === '-'
          ? pick(['-', '\u2212', '\u2013'])
          : kind === '*'
            ? pick(['*', '\u00d7'])
            : pick(['/', '\u00f7']);
    const left = build(depth - 1, exact, false);
    const right = build(depth - 1, exact || kind === '/', false);
    const joined = `${left}${space()}${glyph}${space()}${right}`;
    return random() < 0.6 ? `(${joined})` : joined;
  };
  return build(depth, false, false);
}

/** Random inputs: small integers (zero often) and amounts with cents, each sometimes empty. */
export function randomValues(random: () => number): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const k of INT_KEYS) values[k] = random() < 0.1 ? null : Math.floor(random() * 13) - 6;
  for (const k of AMOUNT_KEYS)
    values[k] = random() < 0.1 ? null : Math.round((random() - 0.5) * 200_000_000) / 100;
  return values;
}

/**
 * How large the formula's terms are: every value taken positive and every difference as a sum. A
 * double's rounding error, and numeric's, stays within a small multiple of epsilon times this.
 */
export function magnitude(node: FormulaNode, values: Readonly<Record<string, number | null>>): number {
  switch (node.kind) {
    case 'number':
      return Math.abs(node.value);
    case 'field':
      return Math.abs(values[node.key] ?? 0);
    case 'negate':
      return magnitude(node.operand, values);
    case 'percent':
      return magnitude(node.operand, values) / 100;
    case 'binary': {
      const left = magnitude(node.left, values);
      if (node.operator === '/') return left / Math.abs(evaluate({ root: node.right }, values) ?? 1);
      const right = magnitude(node.right, values);
      // a ± b% is a ± a × b/100
      if (node.right.kind === 'percent' && node.operator !== '*') return left + left * right;
      return node.operator === '*' ? left * right : left + right;
    }
  }
}

/** The formula's tree without positions: what two spellings of one formula share. */
export function shape(formula: Formula): unknown {
  return JSON.parse(JSON.stringify(formula.root, (k, v) => (k === 'position' ? undefined : v)));
}
