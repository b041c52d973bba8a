/** The web benchmark's markdown: the first-load bundle and the Leads Inbox timings. */

import { table, verdict } from '../lib/report.ts';
import type { WebSeed } from '../lib/seed/inbox.ts';
import { median } from '../lib/stats.ts';
import type { LoadRun } from './browser.ts';
import type { BundleReport } from './bundle.ts';

/** Targets: first-load JavaScript in gzip bytes (kB = 1000 bytes), first row in ms. */
export const JS_TARGET = 300_000;
export const FIRST_ROW_TARGET = 1500;

export interface InboxResult {
  database: string;
  seed?: WebSeed | undefined;
  loads: LoadRun[];
}

const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
const msOf = (n: number | null | undefined) =>
  n === null || n === undefined || Number.isNaN(n) ? '–' : `${Math.round(n)} ms`;
const max = (values: number[]) => (values.length ? Math.max(...values) : Number.NaN);

export function bundleSection(b: BundleReport): string[] {
  const first = b.chunks.filter((c) => c.firstLoad);
  const count = (kind: 'js' | 'css') => first.filter((c) => c.kind === kind).length;
  const cssBytes = first.filter((c) => c.kind === 'css').reduce((n, c) => n + c.bytes, 0);
  const appBytes = b.contributors
    .filter((c) => c.name.startsWith('web/src'))
    .reduce((n, c) => n + c.bytes, 0);
  const lines = [
    '## First load',
    '',
    `${b.buildMs === null ? 'web/dist as found (--skip-build).' : `\`vite build\` in ${(b.buildMs / 1000).toFixed(1)} s.`} ` +
      'What web/dist/index.html loads (module scripts, module preloads, style sheets) and what those ' +
      'import statically (the Vite manifest), each file gzipped at level 9; lazily imported chunks are not counted.',
    '',
    '| first load | files | minified | gzip | target |',
    '|---|---:|---:|---:|---|',
    `| JavaScript | ${count('js')} | ${kB(b.firstLoadJsBytes)} | **${kB(b.firstLoadJsGzip)}** | ≤ ${kB(JS_TARGET)}: ${verdict(b.firstLoadJsGzip <= JS_TARGET)} |`,
    `| CSS (information) | ${count('css')} | ${kB(cssBytes)} | ${kB(b.firstLoadCssGzip)} | |`,
    '',
    '| chunk | loaded | minified | gzip |',
    '|---|---|---:|---:|',
    ...b.chunks.map(
      (c) => `| ${c.file} | ${c.firstLoad ? 'first load' : 'lazily'} | ${kB(c.bytes)} | ${kB(c.gzip)} |`,
    ),
    '',
  ];
  if (b.contributors.length) {
    lines.push(
      'Biggest parts of the first-load JavaScript (minified bytes attributed by the source maps; npm ' +
        `packages, or folders of web/src — the app's own code is ${kB(appBytes)} in all):`,
      '',
      '| # | package or folder | minified | share |',
      '|---:|---|---:|---:|',
      ...b.contributors
        .slice(0, 5)
        .map((c, i) => `| ${i + 1} | ${c.name} | ${kB(c.bytes)} | ${(c.share * 100).toFixed(1)} % |`),
      '',
    );
  }
  return lines;
}

export function inboxSection(results: InboxResult[], runs: number): string[] {
  if (results.length === 0) return [];
  const stat = (loads: LoadRun[], pick: (l: LoadRun) => number | null) => {
    const v = loads.map(pick).filter((x): x is number => x !== null && !Number.isNaN(x));
    return `${msOf(median(v))} / ${msOf(max(v))}`;
  };
  const lines = [
    '## Leads Inbox',
    '',
    `Headless Chromium (1440 × 900), logged in through POST /api/ext/session. Each run is a new browser ` +
      `context (empty cache) opening /leads; ${runs} runs after one unmeasured load; median / max. ` +
      'Times are from navigation start, measured in the page: first row = the animation frame after the ' +
      'first lead row entered the table; network idle = end of the last response. Scrolls set the ' +
      'table’s scrollTop to the middle, then the end, and time until every row in view is a loaded lead.',
    '',
    ...table<InboxResult>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: 'leads', right: true, cell: (r) => r.loads[0]?.rows ?? '–' },
        { head: 'first row', right: true, cell: (r) => stat(r.loads, (l) => l.firstRow) },
        { head: 'network idle', right: true, cell: (r) => stat(r.loads, (l) => l.networkIdle) },
        { head: 'leads API, first page', right: true, cell: (r) => stat(r.loads, (l) => l.leadsApi) },
        { head: 'entry script', right: true, cell: (r) => stat(r.loads, (l) => l.script) },
        { head: 'scroll to middle', right: true, cell: (r) => stat(r.loads, (l) => l.middle.ms) },
        { head: 'scroll to end', right: true, cell: (r) => stat(r.loads, (l) => l.end.ms) },
        {
          head: 'first row ≤ 1.5 s',
          cell: (r) => {
            const typical = median(r.loads.map((l) => l.firstRow));
            const worst = max(r.loads.map((l) => l.firstRow));
            const someMissed = worst > FIRST_ROW_TARGET && typical <= FIRST_ROW_TARGET;
            return `${verdict(typical <= FIRST_ROW_TARGET)}${someMissed ? ' (not every run)' : ''}`;
          },
        },
      ],
      results,
    ),
    '',
  ];
  const details = results.flatMap((r) => {
    const out: string[] = [];
    if (r.seed) {
      const rows = Object.entries(r.seed.rows)
        .map(([k, v]) => `${v} ${k.replaceAll('_', ' ')}`)
        .join(', ');
      out.push(`${r.database}: seeded in ${(r.seed.ms / 1000).toFixed(1)} s (${rows}).`);
    }
    const l = r.loads.at(-1);
    if (l) {
      const span = (s: [number, number] | null) => (s ? `${Math.round(s[0])}–${Math.round(s[1])} ms` : '–');
      out.push(
        `${r.database}, last run: entry script ${span(l.path.script)}, DOMContentLoaded at ` +
          `${msOf(l.domContentLoaded)}, GET /api/ext/session ${span(l.path.session)}, first leads page ` +
          `${span(l.path.leads)}, first row in the DOM at ${msOf(l.firstRowDom)}, painted at ${msOf(l.firstRow)}; ` +
          `rows ${l.middle.from - 1}–${l.middle.to - 1} in view at the middle, ${l.end.from - 1}–${l.end.to - 1} at the end.`,
      );
    }
    const errors = [...new Set(r.loads.flatMap((x) => x.errors))];
    if (errors.length) out.push(`${r.database}: console errors: ${errors.slice(0, 5).join(' · ')}`);
    return out;
  });
  if (details.length) lines.push(...details.map((d) => `- ${d}`), '');
  return lines;
}
