/** The API benchmark's report: each request's figures beside both ceilings' of the same run. */
import { type Column, heading, notesSection, type RunStart, ratio as ratioOf, table } from '../lib/report.ts';
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

export interface RunInfo extends RunStart {
  duration: number;
  rounds: number;
  /** how processes were pinned to cores (--pin), if they were */
  pinned?: string | undefined;
  warmup: number;
  connections: number;
  counts: Record<string, number>;
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
  if (row.standIn) return '–';
  const all = ratioOf(row.app?.rps, row[against]?.rps);
  if (all === '–') return all;
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

const right = (head: string, cell: (r: Row) => string): Column<Row> => ({ head, right: true, cell });

/** The three tables: throughput and latency, CPU per request, one request alone. */
function tables(rows: Row[]): string[] {
  const named: Column<Row>[] = [
    { head: 'database', cell: (r) => r.database },
    { head: 'request', cell: (r) => r.request },
  ];
  return [
    '## Requests',
    '',
    ...table<Row>(
      [
        { head: 'database', cell: (r) => r.database },
        { head: 'request', cell: (r) => `${r.request}${r.standIn ? ' (app: stand-in)' : ''}` },
        right('app req/s', (r) => rps(r.app)),
        right('app p50', (r) => ms(r.app?.p50)),
        right('app p99', (r) => ms(r.app?.p99)),
        right('Fastify req/s', (r) => rps(r.ceiling)),
        right('Fastify p50', (r) => ms(r.ceiling?.p50)),
        right('bare req/s', (r) => rps(r.bare)),
        right('bare p50', (r) => ms(r.bare?.p50)),
        right('app/Fastify', (r) => ratio(r, 'ceiling')),
        right('app/bare', (r) => ratio(r, 'bare')),
      ],
      rows,
    ),
    '',
    '### CPU per request (ms: the server process + the database backends serving it)',
    '',
    'What each request costs the machine, whatever else runs on it: req/s and latency also measure the ' +
      "neighbours' load on a shared machine; CPU time per request does not (much). On the embedded " +
      "database the database's work is in the server's process.",
    '',
    ...table(
      [
        ...named,
        right('app', (r) => cpuCell(r.app)),
        right('Fastify', (r) => cpuCell(r.ceiling)),
        right('bare', (r) => cpuCell(r.bare)),
        right('bare/app (CPU)', cpuRatio),
      ],
      rows,
    ),
    '',
    '### One request alone (one connection, p50)',
    '',
    ...table(
      [
        ...named,
        right('app', (r) => ms2(r.alone?.app)),
        right('Fastify', (r) => ms2(r.alone?.ceiling)),
        right('bare', (r) => ms2(r.alone?.bare)),
      ],
      rows,
    ),
    '',
  ];
}

/** The results as a markdown document: machine and settings, seeding times, the tables, notes. */
export function markdown(info: RunInfo, seeds: string[], rows: Row[], notes: string[]): string[] {
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
  return [
    ...heading('Pipewright benchmark', info),
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
    ...tables(rows),
    ...notesSection([...notes, ...rowNotes]),
  ];
}
