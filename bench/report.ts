import os from 'node:os';
import type { Measure } from './measure.ts';
import type { SeedResult } from './seed.ts';

export interface Row {
  database: string;
  request: string;
  /** undefined when the app was not measured (see note) */
  app?: Measure;
  ceiling?: Measure;
  /** the app side measured STAND_IN instead (development only): no ratio */
  standIn?: boolean;
  note?: string;
  /** app/ceiling of each round, when there were several */
  roundRatios?: number[];
}

export interface RunInfo {
  started: Date;
  duration: number;
  rounds: number;
  /** how processes were pinned to cores (--pin), if they were */
  pinned?: string | undefined;
  warmup: number;
  connections: number;
  counts: Record<string, number>;
  loadAtStart: number[];
}

const rps = (m?: Measure) => (m ? Math.round(m.rps).toString() : '–');
const ms = (v?: number) => (v === undefined ? '–' : `${v >= 10 ? Math.round(v) : v.toFixed(1)} ms`);
const failures = (m?: Measure) =>
  m && (m.non2xx > 0 || m.errors > 0) ? `${m.non2xx} non-2xx, ${m.errors} errors` : '';

export function ratio(row: Row): string {
  if (!row.app || !row.ceiling || row.standIn || row.ceiling.rps === 0) return '–';
  const all = (row.app.rps / row.ceiling.rps).toFixed(2);
  const each = row.roundRatios?.filter(Number.isFinite);
  if (!each?.length) return all;
  return `${all} (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`;
}

/** The longest wait, over both sides' rounds, for every connection's first answer. */
export function rampOf(row: Row): string {
  const ramps = [row.app?.rampMs, row.ceiling?.rampMs].filter((v): v is number => v !== undefined);
  return ramps.length ? `${(Math.max(...ramps) / 1000).toFixed(1)} s` : '–';
}

export function seedLine(database: string, s: SeedResult): string {
  const steps = s.steps.map((x) => `${x.step} ${(x.ms / 1000).toFixed(1)} s`).join(', ');
  return `- ${database}: ${(s.totalMs / 1000).toFixed(1)} s (${steps})`;
}

/** The results as a markdown document: machine and settings, seeding times, the table, notes. */
export function markdown(info: RunInfo, seeds: string[], rows: Row[], notes: string[]): string {
  const cpu = os.cpus();
  const lines = [
    '# Pipewright benchmark',
    '',
    `${info.started.toISOString()} · Node ${process.version} · ${cpu.length} × ${cpu[0]?.model ?? 'CPU'} · ` +
      `load average at start ${info.loadAtStart.map((l) => l.toFixed(2)).join(' ')}`,
    '',
    `${info.connections} connections, ${info.duration} s per side in ${info.rounds} round(s) that alternate ` +
      `which side goes first, after a ${info.warmup} s warm-up; each round is measured from the moment every ` +
      `connection has had its first answer (see the notes); req/s over all rounds, p50 the median ` +
      `round's, p99 the worst round's; app/ceiling over all rounds (the rounds' lowest–highest). ` +
      (info.pinned ? `Pinned: ${info.pinned}. ` : '') +
      `Seeded: ${Object.entries(info.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')}.`,
    'The ceiling is a bare Fastify route running the equivalent raw SQL on the same database and driver, as named statements.',
    '',
    '## Seeding',
    '',
    ...seeds,
    '',
    '## Requests',
    '',
    '| database | request | app req/s | app p50 | app p99 | ceiling req/s | ceiling p50 | ceiling p99 | app/ceiling |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.request}${r.standIn ? ' (app: stand-in)' : ''} | ${rps(r.app)} | ${ms(r.app?.p50)} | ${ms(r.app?.p99)} | ` +
        `${rps(r.ceiling)} | ${ms(r.ceiling?.p50)} | ${ms(r.ceiling?.p99)} | ${ratio(r)} |`,
    ),
    '',
  ];
  const rowNotes = rows.flatMap((r) => {
    const out: string[] = [];
    if (r.note) out.push(`${r.database}, ${r.request}: ${r.note}`);
    if (failures(r.app)) out.push(`${r.database}, ${r.request}, app: ${failures(r.app)}`);
    if (failures(r.ceiling)) out.push(`${r.database}, ${r.request}, ceiling: ${failures(r.ceiling)}`);
    return out;
  });
  const ramps = rows.filter((r) => r.app || r.ceiling).map((r) => `${r.database} ${r.request} ${rampOf(r)}`);
  if (ramps.length) {
    rowNotes.unshift(
      "Not measured: the wait for every connection's first answer (a Node server under full load takes new " +
        `connections slowly), longest per row: ${ramps.join('; ')}.`,
    );
  }
  const all = [...notes, ...rowNotes];
  if (all.length) lines.push('## Notes', '', ...all.map((n) => `- ${n}`), '');
  return lines.join('\n');
}
