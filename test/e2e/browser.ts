import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { describe, it } from 'vitest';

/** Debian's Chromium (apt-get install -y chromium), or CHROMIUM_PATH. */
export const chromiumPath =
  process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export const INSTALL_HINT =
  'Browser tests need Chromium: run `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary';

/**
 * describe() for browser tests: skipped (and says so) where no Chromium is installed, a failure when
 * PIPEWRIGHT_CI is set (CI must run them).
 */
export function describeBrowser(name: string, fn: () => void) {
  // A page load, a screenshot and an accessibility scan take seconds each on a busy 2-core machine.
  if (chromiumPath) return describe(name, { timeout: 120_000 }, fn);
  if (process.env.PIPEWRIGHT_CI) {
    return describe(name, () => {
      it('has Chromium to run in', () => {
        throw new Error(INSTALL_HINT);
      });
    });
  }
  console.warn(`\n[browser tests skipped] ${name}: ${INSTALL_HINT}\n`);
  return describe.skip(name, fn);
}

let browser: Promise<Browser> | undefined;

export function getBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return browser;
}

/** Closes the shared browser; the next getBrowser() launches a new one. */
export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close();
}

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export interface TrackedPage {
  page: Page;
  /** console errors and uncaught exceptions seen so far */
  errors: string[];
  /** serious and critical WCAG 2.1 A/AA violations found by the scans so far, one line each */
  violations: string[];
  /**
   * A screenshot of what is on screen now (page or open dialog), and an accessibility scan of it. Only a
   * page that is not ours (Swagger UI's API reference) may skip the scan, saying why.
   */
  shot(name: string, opts?: { notOurs: string }): Promise<void>;
  close(): Promise<void>;
}

export async function openPage(
  base: string,
  viewport = { width: 1440, height: 900 },
  /** the browser's language (navigator.language) */
  locale = 'en-US',
): Promise<TrackedPage> {
  // Reduced motion: a scan never catches a notification or dialog half faded in (its text would read as
  // too light), and the app is seen the way people who ask for less motion see it.
  const context = await (await getBrowser()).newContext({
    viewport,
    baseURL: base,
    locale,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const violations: string[] = [];
  return {
    page,
    errors,
    violations,
    shot: async (name, opts) => {
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${name}-${viewport.width}.png`),
        fullPage: false,
      });
      if (opts?.notOurs) return;
      violations.push(...(await scanA11y(page)).map((v) => `${name}@${viewport.width}: ${v}`));
    },
    close: async () => {
      await context.close();
      // Every page and dialog a test shows is scanned; a test cannot forget to look at the result.
      if (violations.length) throw new Error(`Accessibility violations:\n${violations.join('\n')}`);
    },
  };
}

/** The rules the app is held to: WCAG 2.0 and 2.1, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Scans what the page shows now with axe-core and returns its serious and critical violations, one line
 * each: rule, impact, and the first elements it names.
 */
export async function scanA11y(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`);
      return `${v.id} [${v.impact}] ${v.help}: ${nodes.join('; ')}${v.nodes.length > 3 ? ` … +${v.nodes.length - 3}` : ''}`;
    });
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}

/** Settings → Profile → Language: Svenska, as a user picks it; waits for the page in Swedish. */
export async function chooseSwedish(page: Page): Promise<void> {
  await page.goto('/settings/profile');
  await page.getByLabel('Language', { exact: true }).first().click();
  await page.getByRole('option', { name: 'Svenska' }).click();
  await page.getByRole('heading', { name: 'Inställningar' }).waitFor();
}
