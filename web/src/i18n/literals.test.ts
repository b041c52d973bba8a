import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findLiterals } from './literals.ts';

/**
 * Components that still write their text inline, waiting to move to the catalogue. The list only shrinks:
 * a file not on it may not render text that is not in the catalogue, and a file on it that has none left
 * must come off it.
 */
const NOT_YET_TRANSLATED = new Set<string>([]);

// what people see: the components, not their tests and test helpers
const components = execSync(
  'git ls-files --cached --others --exclude-standard -- "*.tsx" ":!*.test.tsx" ":!test/*"',
  {
    cwd: new URL('..', import.meta.url),
  },
)
  .toString()
  .split('\n')
  .filter(Boolean)
  .sort();

describe('no string left behind', () => {
  it('finds the components', () => {
    expect(components).toContain('components/layout.tsx');
  });

  it.each(components)('%s renders only text from the message catalogue', (file) => {
    const found = findLiterals(file, readFileSync(new URL(`../${file}`, import.meta.url), 'utf8'));
    if (NOT_YET_TRANSLATED.has(file)) {
      expect(found.length, `${file} has no inline text left: take it off NOT_YET_TRANSLATED`).toBeGreaterThan(
        0,
      );
    } else {
      expect(found.map((l) => `${l.file}:${l.line} “${l.text}”`)).toEqual([]);
    }
  });

  it('catches inline text in JSX, in text props and in notifications', () => {
    const found = findLiterals(
      'x.tsx',
      `const A = () => <Button aria-label="Close it" title={'Hi there'}>Save now</Button>;
       notifications.show({ title: 'Could not save', message: e.message });
       const B = () => <Text>{t('ok')} {' '} 42 — …</Text>;
       const NAV = [{ label: 'nav.leads' }];`,
    );
    expect(found.map((l) => l.text)).toEqual(['Close it', 'Hi there', 'Save now', 'Could not save']);
  });
});
