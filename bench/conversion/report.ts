/** The conversion benchmark's results as markdown (printed and written to bench/results/conversion.md). */
import os from 'node:os';
import { pct } from '../lib/child.ts';
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

export interface ConvRunInfo {
  started: Date;
  loadAtStart: number[];
  bulkLeads: number;
  chunkSize: number;
  jobSize: number;
  apiLeads: number;
}

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

export function bulkRatio(row: BulkRow): string {
  return row.real && row.raw ? (row.real.leadsPerSec / row.raw.leadsPerSec).toFixed(2) : '–';
}

function bulkLines(rows: BulkRow[], info: ConvRunInfo): string[] {
  const lines = [
    '| database | path | leads | time | leads/s | vs raw SQL | target | met |',
    '|---|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    if (r.real) {
      const met = r.problems.length > 0 ? 'no (incomplete)' : r.real.leadsPerSec >= r.target ? 'yes' : 'no';
      lines.push(
        `| ${r.database} | Pipewright bulk job (${info.jobSize}/job, ${info.chunkSize}/transaction, ` +
          `${r.real.concurrency ?? 1} at a time) | ` +
          `${r.real.leads} | ${sec(r.real.ms)} | ${Math.round(r.real.leadsPerSec)} | ${bulkRatio(r)} | ` +
          `≥ ${r.target} | ${met} |`,
      );
    }
    if (r.raw) {
      lines.push(
        `| ${r.database} | raw SQL move (${info.chunkSize}/transaction) | ${r.raw.leads} | ${sec(r.raw.ms)} | ` +
          `${Math.round(r.raw.leadsPerSec)} | 1.00 | | |`,
      );
    }
  }
  return lines;
}

function latencyLines(rows: LatencyRow[]): string[] {
  const lines = [
    '| database | phase | conversions | clients | p50 | p99 | max | conversions/s | status completed |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const { database, result: x } of rows) {
    lines.push(
      `| ${database} | ${x.label} | ${x.count} | ${x.clients} | ${ms(x.p50)} | ${ms(x.p99)} | ${ms(x.max)} | ` +
        `${x.perSec.toFixed(1)} | ${x.completed}/${x.count} |`,
    );
  }
  return lines;
}

/** The whole document: machine, settings, both tables, the checks and notes. */
export function conversionMarkdown(
  info: ConvRunInfo,
  bulk: BulkRow[],
  latency: LatencyRow[],
  notes: string[],
): string {
  const cpu = os.cpus();
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
    '# Pipewright conversion benchmark',
    '',
    `${info.started.toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'CPU'} · ` +
      `load average at start ${info.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    '',
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
    ...(notes.length ? ['## Notes', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n');
}
