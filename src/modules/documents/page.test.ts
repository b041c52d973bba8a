import { describe, expect, it } from 'vitest';
import { scrollableTables, sharePage } from './page.ts';
import { sanitizeRichText } from './template-html.ts';

describe('the shared document page', () => {
  it('puts each table in a focusable region that scrolls sideways', () => {
    const clean = sanitizeRichText(
      '<p>Offer</p><table><tr><td>Desk</td></tr></table><table><tr><td>Chair</td></tr></table>',
    );
    const out = scrollableTables(clean, 'Table');
    expect(
      out.match(/<div class="table-scroll" tabindex="0" role="region" aria-label="Table"><table>/g),
    ).toHaveLength(2);
    expect(out.match(/<\/table><\/div>/g)).toHaveLength(2);
  });

  it('leaves a table written as text alone', () => {
    const clean = sanitizeRichText('<p>&lt;table&gt; is a tag</p>');
    expect(scrollableTables(clean, 'Table')).toBe(clean);
    expect(clean).not.toContain('<table');
  });

  it('names the region in the page language', () => {
    const page = sharePage('sv', 'n', {
      title: 'Avtal',
      body: '<table><tr><td>Skrivbord</td></tr></table>',
      accepted: null,
      action: '/s/x/accept',
      name: '',
      errors: {},
    });
    expect(page).toContain('aria-label="Tabell (rullar i sidled)"');
  });
});
