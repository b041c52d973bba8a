/**
 * Code that runs inside the page (handed to Playwright's addInitScript and evaluate): plain functions
 * with no imports and no helpers from outside. The project compiles without the DOM library, so the
 * few browser globals used are declared here, for this module only.
 */

interface Box {
  top: number;
  bottom: number;
}
interface El {
  parentElement: El | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getBoundingClientRect(): Box;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
}
interface Timing {
  name: string;
  initiatorType: string;
  startTime: number;
  responseEnd: number;
  domContentLoadedEventEnd: number;
}
interface BenchMarks {
  dom?: number;
  frame?: number;
}
declare const document: El;
declare const window: { __bench: BenchMarks };

declare const performance: { now(): number; getEntriesByType(type: string): Timing[] };
declare const MutationObserver: new (
  callback: () => void,
) => { observe(target: El, options: object): void; disconnect(): void };
declare function requestAnimationFrame(callback: () => void): number;

export interface ScrollRun {
  ms: number;
  /** aria-rowindex range in view once loaded (1 is the header) */
  from: number;
  to: number;
}

export const ROW = 'table[aria-label="Leads"] tbody tr[aria-selected]';

/** Runs in the page before its own scripts. */
export function observeFirstRow(selector: string) {
  const w = window;
  w.__bench = {};
  const observer = new MutationObserver(() => {
    if (w.__bench.dom !== undefined || !document.querySelector(selector)) return;
    w.__bench.dom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => {
      w.__bench.frame = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Runs in the page: has the first lead row been painted? */
export function firstRowPainted(): boolean {
  return window.__bench?.frame !== undefined;
}

/** Runs in the page: scrolls the table to `fraction` of its height and waits for loaded rows in view. */
export function scrollAndWait(fraction: number): Promise<ScrollRun> {
  const table = document.querySelector('table[aria-label="Leads"]') as El;
  const scroller = table.parentElement as El;
  const t0 = performance.now();
  scroller.scrollTop = Math.round((scroller.scrollHeight - scroller.clientHeight) * fraction);
  return new Promise((resolve, reject) => {
    const check = () => {
      const box = scroller.getBoundingClientRect();
      const top = table.querySelector('thead')?.getBoundingClientRect().bottom ?? box.top;
      const inView = Array.from(table.querySelectorAll('tbody tr')).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > top + 1 && b.top < box.bottom - 1;
      });
      if (inView.length > 0 && inView.every((r) => r.hasAttribute('aria-selected'))) {
        const index = (r: El) => Number(r.getAttribute('aria-rowindex'));
        resolve({ ms: performance.now() - t0, from: index(inView[0]!), to: index(inView.at(-1)!) });
      } else if (performance.now() - t0 > 30_000) reject(new Error(`no loaded rows at ${fraction}`));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

/** Reads the load's timings once the network was idle. */
export function loadTimings() {
  const nav = performance.getEntriesByType('navigation')[0]!;
  const resources = performance.getEntriesByType('resource');
  const span = (r?: Timing) => (r ? r.responseEnd - r.startTime : null);
  const at = (r?: Timing): [number, number] | null => (r ? [r.startTime, r.responseEnd] : null);
  const script = resources.find((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
  const leads = resources.find((r) => r.name.includes('/api/ext/leads?'));
  const w = window;
  return {
    firstRowDom: w.__bench.dom ?? Number.NaN,
    firstRow: w.__bench.frame ?? Number.NaN,
    networkIdle: Math.max(nav.responseEnd, ...resources.map((r) => r.responseEnd)),
    leadsApi: span(leads),
    script: span(script),
    /** [start, response end] of the requests the first row waits for, one after the other */
    path: {
      script: at(script),
      session: at(resources.find((r) => /\/api\/ext\/session$/.test(r.name))),
      leads: at(leads),
    },
    domContentLoaded: nav.domContentLoadedEventEnd,
    rows: Number(document.querySelector('table[aria-label="Leads"]')?.getAttribute('aria-rowcount') ?? 1) - 1,
  };
}
