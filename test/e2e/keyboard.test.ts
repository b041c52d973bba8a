import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { realServer } from '../compat/server.ts';
import { newTenant } from '../helpers/app.ts';
import { closeBrowser, describeBrowser, openPage } from './browser.ts';

/**
 * What the focused element is called (its label, else its text), and whether a focus ring shows. Run in the
 * page as a string: the server's type checks have no DOM library.
 */
const FOCUSED = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { name: '', ring: false };
  const labelled = el.getAttribute('aria-labelledby');
  const name =
    el.getAttribute('aria-label') ??
    (labelled ? document.getElementById(labelled)?.textContent : null) ??
    el.labels?.[0]?.textContent ??
    el.textContent ??
    '';
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none';
  return { name: name.trim(), ring };
})()`;

const focused = (page: Page) => page.evaluate(FOCUSED) as Promise<{ name: string; ring: boolean }>;

/** Presses Tab until the focused element's name matches, as a keyboard user would; fails after `max`. */
async function tabTo(page: Page, name: RegExp, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (name.test(f.name)) {
      expect(f.ring, `focus ring on “${f.name}”`).toBe(true);
      return;
    }
  }
  throw new Error(`${max} presses of Tab never reached ${name}`);
}

describeBrowser('web app in Chromium: by keyboard alone', () => {
  afterAll(closeBrowser);

  it('logs in, converts a lead and moves the deal on the board without a mouse', async () => {
    const { base } = await realServer();
    const t = await newTenant();
    const person = (await t.post('/api/v2/persons', { name: 'Kerstin Lund' })).body.data;
    const lead = (await t.post('/api/v1/leads', { title: 'Keyboard lead', person_id: person.id })).body.data;

    const p = await openPage(base);
    const { page } = p;
    await page.goto('/');
    await page.getByLabel('Email', { exact: true }).waitFor();
    await tabTo(page, /^Email/);
    await page.keyboard.type(t.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(t.password);
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();

    // The lead's page: Convert to deal, then the dialog, by Tab and Enter. Escape first: focus comes back.
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole('button', { name: 'Convert to deal' }).waitFor();
    await tabTo(page, /^Convert to deal$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator(':focus').count()).toBe(1);
    await p.shot('keyboard-convert');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).name).toBe('Convert to deal');

    await page.keyboard.press('Enter');
    await dialog.waitFor();
    // Focus stays inside the dialog however far one tabs.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(await dialog.locator(':focus').count()).toBe(1);
    }
    await tabTo(page, /^Convert$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/deals\/\d+$/);
    const dealId = Number(page.url().split('/').pop());
    const stages = (await t.get('/api/v2/stages', { sort_by: 'order_nr' })).body.data as {
      id: number;
      name: string;
    }[];
    expect((await t.get(`/api/v2/deals/${dealId}`)).body.data.stage_id).toBe(stages[0]!.id);

    // The board: pick the card up with Space, Right to the next stage, Space to drop; it is announced.
    await page.goto('/deals');
    await page.locator(`[data-stage-id="${stages[0]!.id}"]`).getByText('Keyboard lead').waitFor();
    await tabTo(page, /^Move Keyboard lead$/);
    const live = page.locator('[role="status"][aria-live]');
    const said = () => live.evaluateAll((els) => els.map((e) => e.textContent).join(' '));
    await page.keyboard.press('Space');
    await expect.poll(said).toContain(`Over ${stages[0]!.name}.`);
    await page.keyboard.press('ArrowRight');
    await expect.poll(said).toContain(`Over ${stages[1]!.name}.`);
    await page.keyboard.press('Space');
    await expect.poll(said).toContain(`Dropped in ${stages[1]!.name}.`);
    await expect
      .poll(async () => (await t.get(`/api/v2/deals/${dealId}`)).body.data.stage_id, { timeout: 10_000 })
      .toBe(stages[1]!.id);
    await p.shot('keyboard-board');
    expect(p.errors).toEqual([]);
    await p.close();
  });
});
