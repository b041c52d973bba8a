import { describe, expect, it } from 'vitest';
import { insertToken, toCanonical, tokenize } from './formula-text.ts';

const COST = 'c'.repeat(40);
const FIELDS = [
  { key: 'value', name: 'Value' },
  { key: COST, name: 'Cost' },
];

describe('the formula text', () => {
  it('turns names into keys, and a key pasted stays a key', () => {
    const c = toCanonical('({Value} - {Cost}) * 0.9 + {value}', FIELDS);
    expect(c).toMatchObject({ ok: true, expression: `({value} - {${COST}}) * 0.9 + {value}` });
  });

  it("maps the server's positions back to the readable text", () => {
    const c = toCanonical('{Cost} * {Value} +', FIELDS);
    if (!c.ok) throw new Error('expected a canonical form');
    // '{cccc…} * {value} +': the end of the canonical text is the end of the readable one
    expect(c.toReadable(c.expression.length)).toBe('{Cost} * {Value} +'.length);
    // the '*' after the first token
    expect(c.toReadable(c.expression.indexOf('*'))).toBe(7);
    // inside a token: its start
    expect(c.toReadable(5)).toBe(0);
    expect(c.toReadable(c.expression.indexOf('{value}') + 2)).toBe(9);
    // before any token
    const early = toCanonical('2 + {Cost}', FIELDS);
    if (!early.ok) throw new Error('expected a canonical form');
    expect(early.toReadable(2)).toBe(2);
  });

  it('refuses a name no field has, or two fields have, where it stands', () => {
    expect(toCanonical('{Value} * {Price}', FIELDS)).toEqual({
      ok: false,
      reason: 'unknown',
      name: 'Price',
      position: 10,
    });
    const twins = [...FIELDS, { key: 'd'.repeat(40), name: 'Cost' }];
    expect(toCanonical('1 + {Cost}', twins)).toMatchObject({ ok: false, reason: 'ambiguous', position: 4 });
  });

  it('cuts the text into tokens', () => {
    expect(tokenize('{Value} * 2 + {X}', FIELDS)).toEqual([
      { kind: 'field', text: '{Value}', start: 0, key: 'value', name: 'Value' },
      { kind: 'text', text: ' * 2 + ', start: 7 },
      { kind: 'unknown', text: '{X}', start: 14, name: 'X' },
    ]);
  });

  it('inserts a token at the caret, spaced', () => {
    expect(insertToken('', { start: 0, end: 0 }, 'Value')).toEqual({ text: '{Value}', caret: 7 });
    expect(insertToken('2*', { start: 2, end: 2 }, 'Cost')).toEqual({ text: '2* {Cost}', caret: 9 });
    expect(insertToken('2 * x + 1', { start: 4, end: 5 }, 'Cost')).toEqual({
      text: '2 * {Cost} + 1',
      caret: 10,
    });
    expect(insertToken('*2', { start: 0, end: 0 }, 'Cost')).toEqual({ text: '{Cost} *2', caret: 7 });
  });
});
