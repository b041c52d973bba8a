/**
 * The Leads Inbox in headless Chromium (launched as the browser tests launch it, test/e2e/browser.ts):
 * each run is a new browser context (empty HTTP cache) holding the session cookie, a new page and a
 * navigation to /leads. The page times itself (performance.now(), from navigation start): a
 * MutationObserver notes the first lead row in the table and the next animation frame after it (the
 * frame that paints it); the network is idle at the last response's end (resource timing, read once
 * Playwright saw 'networkidle', so its 500 ms of quiet are not counted). Then the virtualised table is
 * scrolled to the middle and to the end, timing until every row in view is a loaded lead (not a
 * placeholder).
 */
import type { Browser, Page } from 'playwright-core';
import { firstRowPainted, loadTimings, observeFirstRow, ROW, type ScrollRun, scrollAndWait } from './page.ts';

export interface LoadRun {
  /** first lead row in the DOM, ms after navigation start */
  firstRowDom: number;
  /** the animation frame after it: the row is painted */
  firstRow: number;
  /** end of the last network response of the load */
  networkIdle: number;
  /** the first page of /api/ext/leads: request start → response end */
  leadsApi: number | null;
  /** the entry script: request start → response end */
  script: number | null;
  /** [start, response end] of the entry script, GET /api/ext/session and the first leads page */
  path: Record<'script' | 'session' | 'leads', [number, number] | null>;
  domContentLoaded: number;
  /** rows in the table (aria-rowcount − 1) */
  rows: number;
  middle: ScrollRun;
  end: ScrollRun;
  errors: string[];
}

export type { ScrollRun };

/** Logs in through the API and answers the session cookie. */
export async function logIn(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/ext/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`log-in failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    return { name: pair!.slice(0, at).trim(), value: pair!.slice(at + 1).trim(), url: base };
  });
  if (cookies.length === 0) throw new Error('log-in answered no cookie');
  return cookies;
}

async function withPage<T>(
  browser: Browser,
  base: string,
  cookies: Awaited<ReturnType<typeof logIn>>,
  body: (page: Page, errors: string[]) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, baseURL: base });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    // tsx (esbuild's keepNames) wraps named inner functions in __name(…); the page has no such helper
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    return await body(page, errors);
  } finally {
    await context.close();
  }
}

/** One cold load of /leads, then the scrolls. */
export function measureInbox(
  browser: Browser,
  base: string,
  cookies: Awaited<ReturnType<typeof logIn>>,
): Promise<LoadRun> {
  return withPage(browser, base, cookies, async (page, errors) => {
    await page.addInitScript(observeFirstRow, ROW);
    await page.goto('/leads', { waitUntil: 'networkidle' });
    await page.waitForFunction(firstRowPainted);
    const timings = await page.evaluate(loadTimings);
    if (timings.rows <= 0) throw new Error('the inbox showed no leads');
    const middle = await page.evaluate(scrollAndWait, 0.5);
    const end = await page.evaluate(scrollAndWait, 1);
    return { ...timings, middle, end, errors };
  });
}
