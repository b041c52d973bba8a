import { describe, expect, it } from 'vitest';
import { HEX, knownField, randomExpression, seeded, shape } from '../../../../test/helpers/formulas.ts';
import { type Formula, isFormulaError } from './ast.ts';
import { format } from './format.ts';
import { parseFormula } from './parse.ts';

function parsed(expression: string): Formula {
  const result = parseFormula(expression, knownField);
  if (isFormulaError(result)) throw new Error(`${expression}: ${result.message} at ${result.position}`);
  return result;
}

const names: Record<string, string> = { value: 'Value', probability: 'Probability', [HEX]: 'Shipping cost' };
const nameOf = (key: string) => `#${names[key] ?? key}`;
const keys = (key: string) => `{${key}}`;

describe('format', () => {
  it('shows each field by the name it is given, operators spaced', () => {
    expect(format(parsed(`{value}*{probability}%-{${HEX}}`), nameOf)).toBe(
      '#Value * #Probability% - #Shipping cost',
    );
  });

  it('keeps the numbers as written and spells operators in ASCII', () => {
    expect(format(parsed('{value} \u00d7 .50 \u00f7 2 \u2212 1.25 \u2013 0'), keys)).toBe(
      '{value} * .50 / 2 - 1.25 - 0',
    );
  });

  it('keeps only the parentheses the meaning needs', () => {
    const cases: [string, string][] = [
      ['(({value}) + (1 * 2))', '{value} + 1 * 2'],
      ['({value} + 1) * 2', '({value} + 1) * 2'],
      ['{value} - (1 - 2)', '{value} - (1 - 2)'],
      ['({value} - 1) - 2', '{value} - 1 - 2'],
      ['{value} / (2 * 3)', '{value} / (2 * 3)'],
      ['{value} + (1 + 2)', '{value} + (1 + 2)'],
      ['(-{value}) * 2', '-{value} * 2'],
      ['-({value} * 2)', '-({value} * 2)'],
      ['- - {value}', '-(-{value})'],
      ['({value} + 1)%', '({value} + 1)%'],
      ['(-{value})%', '(-{value})%'],
      ['-({value}%)', '-{value}%'],
      ['2 * (-{value})', '2 * -{value}'],
    ];
    for (const [expression, shown] of cases) expect(format(parsed(expression), keys), expression).toBe(shown);
  });

  it('gives, with keys in braces, an expression that parses back to the same formula', () => {
    const random = seeded(20_240_613);
    for (let i = 0; i < 500; i++) {
      const expression = randomExpression(random, 5);
      const formula = parseFormula(expression, knownField);
      if (isFormulaError(formula)) continue; // a formula of constants only
      const again = parsed(format(formula, keys));
      expect(shape(again), expression).toEqual(shape(formula));
      expect(format(again, keys)).toBe(format(formula, keys));
    }
  });
});
