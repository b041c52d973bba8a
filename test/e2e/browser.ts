import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
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
  if (chromiumPath) return describe(name, fn);
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
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openPage(base: string, viewport = { width: 1440, height: 900 }): Promise<TrackedPage> {
  const context = await (await getBrowser()).newContext({ viewport, baseURL: base });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    errors,
    shot: async (name) => {
      await page.screenshot({
        path: path.join(SCREENSHOTS, `${name}-${viewport.width}.png`),
        fullPage: false,
      });
    },
    close: () => context.close(),
  };
}

export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
}
