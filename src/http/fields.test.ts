import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADVERSARIAL } from '../../test/bad-input/corpus.ts';
import { name255, text } from './fields.ts';
import { qCsvIds, qId, qInt } from './query.ts';

describe('text building blocks and long hostile input', () => {
  it.each(ADVERSARIAL)('refuses a huge %s string by its length alone', (_label, make) => {
    const value = make();
    for (const schema of [text(255), text(), name255]) {
      if (schema === name255 && value.trim().length <= 255) continue; // names are trimmed first
      const issues = schema.safeParse(value).error?.issues ?? [];
      // one issue, the length: nothing after the length check (patterns, refinements) read the value
      expect(issues.map((i) => i.code)).toEqual(['too_big']);
    }
    // in an object too, with the path of the field
    const body = z.object({ a: text(1000) }).safeParse({ a: value });
    expect(body.error?.issues.map((i) => i.path.join('.'))).toEqual(['a']);
  });

  it.each(ADVERSARIAL)('answers a huge %s string in a query pattern without backtracking', (_label, make) => {
    // anchored patterns with bounded repetitions: a long value fails at its first character that
    // does not fit, and at most 15 digits are ever retried
    const value = make().slice(0, 20_000);
    for (const schema of [qId, qInt, qCsvIds]) expect(schema.safeParse(value).success).toBe(false);
  });

  it('refuses NUL characters and lone surrogates and keeps valid pairs', () => {
    for (const bad of ['a\u0000', '\uD800', 'x\uDFFFy', '\uDC00\uD800']) {
      expect(text().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(name255.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(text().safeParse('😀 ok').success).toBe(true);
  });
});
