import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { AppError } from '../errors.ts';
import { decodeOffsetCursor, encodeOffsetCursor } from './cursor.ts';
import { checkTerm, escapeLike, phoneDigits, prepareTerm, TERM_MAX } from './match.ts';

// The worker's database starts (and migrates) once; allow for it on a busy machine.
beforeAll(async () => {
  await testApp();
}, 180_000);

describe('search terms', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('100%')).toBe('100\\%');
    expect(escapeLike('a_b')).toBe('a\\_b');
    expect(escapeLike('c:\\dir')).toBe('c:\\\\dir');
    expect(escapeLike('%_\\')).toBe('\\%\\_\\\\');
    expect(escapeLike('Öberg & Co')).toBe('Öberg & Co');
  });

  it('reads phone numbers by their digits', () => {
    expect(phoneDigits('+46 70 123 45 67')).toBe('46701234567');
    expect(phoneDigits('(070) 123-45.67')).toBe('0701234567');
    expect(phoneDigits('701234567')).toBe('701234567');
    expect(phoneDigits('12')).toBeNull();
    expect(phoneDigits('Room 101')).toBeNull();
    expect(phoneDigits('anna@example.com')).toBeNull();
  });

  it('checks the length of the term', () => {
    expect(checkTerm('  ab ', false)).toBe('ab');
    expect(checkTerm('a', true)).toBe('a');
    const fails = (term: string, exact: boolean) => {
      try {
        checkTerm(term, exact);
      } catch (e) {
        return e instanceof AppError && e.code === 'validation_failed' && e.field === 'term';
      }
      return false;
    };
    expect(fails('a', false)).toBe(true);
    expect(fails('   ', true)).toBe(true);
    expect(fails('', true)).toBe(true);
    expect(fails('x'.repeat(TERM_MAX + 1), false)).toBe(true);
    // characters, not UTF-16 units
    expect(fails('😀', false)).toBe(true);
  });

  it('folds the term like the columns: lower case, no accents', async () => {
    const t = await newTenant();
    const cases: [string, string][] = [
      ['Öberg', 'oberg'],
      ['ÅSA', 'asa'],
      ['Müller', 'muller'],
      ['Łódź', 'lodz'],
      ['50%_off', '50%_off'],
    ];
    for (const [term, folded] of cases) {
      const p = await prepareTerm(t.ctx, term, false);
      expect(p.folded).toBe(folded);
      expect(p.raw).toBe(term);
    }
    expect((await prepareTerm(t.ctx, ' Anna@Example.COM ', false)).email).toBe('anna@example.com');
  });

  it('encodes offsets in cursors and refuses bad ones', () => {
    expect(decodeOffsetCursor(encodeOffsetCursor(40))).toBe(40);
    expect(decodeOffsetCursor(undefined)).toBe(0);
    for (const bad of [
      'x',
      encodeOffsetCursor(-1),
      Buffer.from('{"o":"1"}').toString('base64url'),
      'bnVsbA',
    ]) {
      expect(() => decodeOffsetCursor(bad)).toThrow(/cursor/);
    }
  });
});
