import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { en } from './messages/en.ts';
import { sv } from './messages/sv.ts';

type Element = ReturnType<typeof parse>[number];

/** The arguments a message takes ({count}, {name}…), wherever they sit in plurals and selects. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (els: Element[]) => {
    for (const el of els) {
      if ('value' in el && el.type !== TYPE.literal) names.add(String(el.value));
      if ('options' in el)
        for (const option of Object.values(el.options) as { value: Element[] }[]) walk(option.value);
      if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(parse(message));
  return [...names].sort();
}

describe('message catalogues', () => {
  it('have the same ids in English and Swedish', () => {
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(Object.keys(en) as (keyof typeof en)[])('%s: parses, with the same arguments in both', (id) => {
    expect(argumentsOf(sv[id])).toEqual(argumentsOf(en[id]));
    expect(sv[id].trim()).not.toBe('');
  });
});
