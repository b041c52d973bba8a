import os from 'node:os';
import type { SeedResult } from '../lib/seed/crm.ts';
import type { Measure } from './measure.ts';

/** The servers measured: the app, the Fastify ceiling and the bare node:http ceiling. */
export const SIDES = ['app', 'ceiling', 'bare'] as const;
export type Side = (typeof SIDES)[number];

export interface Row {
  database: string;
  request: string;
  /** undefined when the app was not measured (see note) */
  app?: Measure | undefined;
  /** the Fastify ceiling (bench/api/ceiling.ts) */
  ceiling?: Measure | undefined;
  /** the bare node:http ceiling (bench/api/bare.ts) */
  bare?: Measure | undefined;
  /** p50 of one request alone (one connection), per side, in ms */
  alone?: Partial<Record<Side, number>>;
  /** the app side measured STAND_IN instead (development only): no ratio */
  standIn?: boolean;
  note?: string;
  /** app/ceiling of each round, per ceiling, when there were several */
  roundRatios?: { ceiling?: number[] | undefined; bare?: number[] | undefined };
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
const cpuTotal = (m?: Measure) => (m?.cpu ? m.cpu.server + m.cpu.database : undefined);
const cpuCell = (m?: Measure) => {
  if (!m?.cpu) return '–';
  const { server, database } = m.cpu;
  return `${(server + database).toFixed(2)} (${server.toFixed(2)} + ${database.toFixed(2)})`;
};
/** The bare ceiling's CPU per request over the app's: the share of the bare's throughput the app can reach. */
export function cpuRatio(r: Row): string {
  const app = cpuTotal(r.app);
  const bare = cpuTotal(r.bare);
  return app && bare ? (bare / app).toFixed(2) : '–';
}
const ms2 = (v?: number) => (v === undefined ? '–' : `${v.toFixed(2)} ms`);
const failures = (m?: Measure) =>
  m && (m.non2xx > 0 || m.errors > 0) ? `${m.non2xx} non-2xx, ${m.errors} errors` : '';

/** app/ceiling over all rounds, with the rounds' lowest–highest. */
export function ratio(row: Row, against: 'ceiling' | 'bare'): string {
  const c = row[against];
  if (!row.app || !c || row.standIn || c.rps === 0) return '–';
  const all = (row.app.rps / c.rps).toFixed(2);
  const each = row.roundRatios?.[against]?.filter(Number.isFinite);
  if (!each?.length) return all;
  return `${all} (${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)})`;
}

/** The longest wait, over every side's rounds, for every connection's first answer. */
export function rampOf(row: Row): string {
  const ramps = SIDES.map((k) => row[k]?.rampMs).filter((v): v is number => v !== undefined);
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
    'Two ceilings run the equivalent raw SQL on the same database and driver, as named statements: a bare ' +
      'Fastify route ("Fastify"), and a bare node:http server in a process of its own ("bare"; on the ' +
      'embedded database, over its own copy of the seeded database).',
    '',
    '## Seeding',
    '',
    ...seeds,
    '',
    '## Requests',
    '',
    '| database | request | app req/s | app p50 | app p99 | Fastify req/s | Fastify p50 | bare req/s | bare p50 | app/Fastify | app/bare |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.request}${r.standIn ? ' (app: stand-in)' : ''} | ${rps(r.app)} | ${ms(r.app?.p50)} | ${ms(r.app?.p99)} | ` +
        `${rps(r.ceiling)} | ${ms(r.ceiling?.p50)} | ${rps(r.bare)} | ${ms(r.bare?.p50)} | ${ratio(r, 'ceiling')} | ${ratio(r, 'bare')} |`,
    ),
    '',
    '### CPU per request (ms: the server process + the database backends serving it)',
    '',
    'What each request costs the machine, whatever else runs on it: req/s and latency also measure the ' +
      "neighbours' load on a shared machine; CPU time per request does not (much). On the embedded " +
      "database the database's work is in the server's process.",
    '',
    '| database | request | app | Fastify | bare | bare/app (CPU) |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.request} | ${cpuCell(r.app)} | ${cpuCell(r.ceiling)} | ${cpuCell(r.bare)} | ${cpuRatio(r)} |`,
    ),
    '',
    '### One request alone (one connection, p50)',
    '',
    '| database | request | app | Fastify | bare |',
    '|---|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.database} | ${r.request} | ${ms2(r.alone?.app)} | ${ms2(r.alone?.ceiling)} | ${ms2(r.alone?.bare)} |`,
    ),
    '',
  ];
  const rowNotes = rows.flatMap((r) => {
    const out: string[] = [];
    if (r.note) out.push(`${r.database}, ${r.request}: ${r.note}`);
    if (failures(r.app)) out.push(`${r.database}, ${r.request}, app: ${failures(r.app)}`);
    if (failures(r.ceiling)) out.push(`${r.database}, ${r.request}, Fastify: ${failures(r.ceiling)}`);
    if (failures(r.bare)) out.push(`${r.database}, ${r.request}, bare: ${failures(r.bare)}`);
    return out;
  });
  const ramps = rows
    .filter((r) => SIDES.some((k) => r[k]))
    .map((r) => `${r.database} ${r.request} ${rampOf(r)}`);
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
