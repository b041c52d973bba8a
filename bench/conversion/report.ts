/** The conversion benchmark's results as markdown (printed and written to bench/results/conversion.md). */
import { heading, notesSection, type RunStart, ratio, table } from '../lib/report.ts';
import { pct } from '../lib/stats.ts';
import type { BulkTiming } from './bulk.ts';
import type { LatencyResult } from './single.ts';

export interface BulkRow {
  database: string;
  real?: BulkTiming;
  raw?: BulkTiming;
  /** leads/s the real path should reach */
  target: number;
  check?: string;
  problems: string[];
  /** where the time of the Pipewright path went (--profile) */
  profile?: string[];
  /** EXPLAIN ANALYZE of one chunk's statements (--explain) */
  explain?: string[];
}

export interface LatencyRow {
  database: string;
  result: LatencyResult;
}

export interface ConvRunInfo extends RunStart {
  bulkLeads: number;
  chunkSize: number;
  jobSize: number;
  apiLeads: number;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

export function bulkRatio(row: BulkRow): string {
  return ratio(row.real?.leadsPerSec, row.raw?.leadsPerSec);
}

/** One row per database: the Pipewright path beside its floor, the raw SQL move of the same run. */
function bulkLines(rows: BulkRow[], info: ConvRunInfo): string[] {
  const met = (r: BulkRow) =>
    !r.real ? '' : r.problems.length > 0 ? 'no (incomplete)' : r.real.leadsPerSec >= r.target ? 'yes' : 'no';
  const perSec = (t?: BulkTiming) => (t ? String(Math.round(t.leadsPerSec)) : '–');
  return table<BulkRow>(
    [
      { head: 'database', cell: (r) => r.database },
      {
        head: 'Pipewright bulk job',
        cell: (r) =>
          `${info.jobSize}/job, ${info.chunkSize}/transaction, ${r.real?.concurrency ?? 1} at a time`,
      },
      { head: 'leads', right: true, cell: (r) => r.real?.leads ?? r.raw?.leads ?? '–' },
      { head: 'time', right: true, cell: (r) => (r.real ? sec(r.real.ms) : '–') },
      { head: 'leads/s', right: true, cell: (r) => perSec(r.real) },
      { head: `raw SQL leads/s (${info.chunkSize}/transaction)`, right: true, cell: (r) => perSec(r.raw) },
      { head: 'raw SQL time', right: true, cell: (r) => (r.raw ? sec(r.raw.ms) : '–') },
      { head: 'vs raw SQL', right: true, cell: bulkRatio },
      { head: 'target', right: true, cell: (r) => `≥ ${r.target}` },
      { head: 'met', cell: met },
    ],
    rows,
  );
}

function latencyLines(rows: LatencyRow[]): string[] {
  return table<LatencyRow>(
    [
      { head: 'database', cell: (r) => r.database },
      { head: 'phase', cell: (r) => r.result.label },
      { head: 'conversions', right: true, cell: (r) => r.result.count },
      { head: 'clients', right: true, cell: (r) => r.result.clients },
      { head: 'p50', right: true, cell: (r) => ms(r.result.p50) },
      { head: 'p99', right: true, cell: (r) => ms(r.result.p99) },
      { head: 'max', right: true, cell: (r) => ms(r.result.max) },
      { head: 'conversions/s', right: true, cell: (r) => r.result.perSec.toFixed(1) },
      { head: 'status completed', right: true, cell: (r) => `${r.result.completed}/${r.result.count}` },
    ],
    rows,
  );
}

/** The whole document: machine, settings, both tables, the checks and notes. */
export function conversionMarkdown(
  info: ConvRunInfo,
  bulk: BulkRow[],
  latency: LatencyRow[],
  notes: string[],
): string[] {
  const details: string[] = [];
  for (const r of bulk) {
    if (r.check) details.push(`- ${r.database}, Pipewright path checked: ${r.check}`);
    for (const p of r.problems) details.push(`- ${r.database}: PROBLEM: ${p}`);
    const chunks = r.raw?.chunkMs;
    if (chunks?.length) {
      details.push(
        `- ${r.database}: raw SQL per chunk of ${info.chunkSize}: median ${ms(pct(chunks, 50) ?? 0)}, ` +
          `p99 ${ms(pct(chunks, 99) ?? 0)}`,
      );
    }
  }
  for (const { database, result } of latency) {
    for (const p of result.problems.slice(0, 5))
      details.push(`- ${database}, ${result.label}: PROBLEM: ${p}`);
  }
  return [
    ...heading('Pipewright conversion benchmark', info),
    '## Bulk conversion',
    '',
    `${info.bulkLeads} leads per company, each with a person, an organization, 2 notes and 2 activities; ` +
      'each company also has as many deals already (statistics gathered after seeding). ' +
      'Pipewright path: the jobs POST /api/ext/leads/convert queues (queueLeadConversions) run by the job ' +
      'runner (runJobs) in-process, as an app node’s worker runs them; time from queueing the first job to ' +
      'the last one finished. Raw SQL: INSERT … SELECT deals, UPDATE notes/activities, UPDATE leads per ' +
      'chunk on a twin company of the same database (run first).',
    '',
    ...bulkLines(bulk, info),
    '',
    '## Single conversion over the API',
    '',
    `POST /api/v2/leads/{id}/convert/deal against the app in its own process (company of ${info.apiLeads} ` +
      'leads with 2 notes + 2 activities each; 10 warm-up conversions not counted). Latency: request sent → ' +
      'JSON answer read, with fetch; then every status endpoint was asked (not timed).',
    '',
    ...latencyLines(latency),
    '',
    ...(details.length ? ['## Checks', '', ...details, ''] : []),
    ...bulk.flatMap((r) =>
      r.explain ? [`## Plans of one chunk: ${r.database} (--explain)`, '', ...r.explain] : [],
    ),
    ...bulk.flatMap((r) => (r.profile ? ['## Where the time goes (--profile)', '', ...r.profile, ''] : [])),
    ...notesSection(notes),
  ];
}
