import { describe, expect, it } from 'vitest';
import { assertPlaceholders, fillTemplate, placeholdersOf, replacePlaceholders } from './template-html.ts';

describe('template html', () => {
  it('finds placeholders with spaces, ignores broken braces, and fills once without rescanning', () => {
    expect(placeholdersOf('<p>{{ deal.title }} {{{person.name}} {{a{b}} {{x}y}} {{ open</p>')).toEqual([
      'deal.title',
      'person.name',
    ]);
    expect(replacePlaceholders('a {{x}} b {{y}}', (n) => `{{${n}!}}`)).toBe('a {{x!}} b {{y!}}');
    const values = new Map([
      ['deal.title', '{{owner.email}} <img src=x onerror=alert(1)>'],
      ['owner.email', 'secret@example.test'],
    ]);
    const out = fillTemplate(
      '<p>{{deal.title}}</p><p>{{ products }}</p>',
      values,
      '<table><tr><td>1</td></tr></table>',
    );
    expect(out).toBe(
      '<p>{{owner.email}} &lt;img src=x onerror=alert(1)&gt;</p><table><tr><td>1</td></tr></table>',
    );
  });

  it('names the first unknown placeholder', () => {
    expect(() => assertPlaceholders('{{deal.title}} {{deal.custom.abc}} {{nope}}', new Set(['abc']))).toThrow(
      /unknown placeholder \{\{nope\}\}/,
    );
    expect(() => assertPlaceholders('{{deal.custom.abc}}', new Set(['abc']))).not.toThrow();
  });

  it('stays linear on hostile input', () => {
    const hostile = '{{'.repeat(200_000);
    const start = performance.now();
    expect(placeholdersOf(hostile)).toEqual([]);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
