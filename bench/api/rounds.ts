/**
 * The API benchmark's measuring (bench/api.ts): each request against the app and both ceilings, in
 * rounds that rotate which server goes first, then once alone (one connection).
 */
import type { BenchCompany } from '../lib/seed/company.ts';
import {
  type CpuOf,
  type Measure,
  measure,
  preflight,
  type Sample,
  type Scenario,
  STAND_IN,
  scenarios,
} from './measure.ts';
import { type Row, rampOf, ratio, SIDES, type Side } from './report.ts';

export interface RoundSettings {
  connections: number;
  /** seconds per side, over all rounds */
  duration: number;
  rounds: number;
  /** seconds of warm-up before a side's first round */
  warmup: number;
  /** seconds of the one-connection run */
  aloneSeconds: number;
  /** only the requests whose name contains this */
  request?: string | undefined;
  /** measure STAND_IN where the app does not serve a request yet */
  standIn: boolean;
}

/**
 * The servers measured: the app, the Fastify ceiling (bench/api/ceiling.ts) and the bare node:http ceiling
 * (bench/api/bare.ts), each on its own port.
 */
export type Ports = Record<Side, number>;

export async function measureAll(
  database: string,
  ports: Ports,
  cpuOf: Record<Side, CpuOf>,
  tenant: BenchCompany,
  sample: Sample,
  run: RoundSettings,
): Promise<Row[]> {
  const { connections, rounds, warmup } = run;
  const rows: Row[] = [];
  const settings = { connections, duration: Math.max(2, Math.round(run.duration / rounds)) };
  const wanted = scenarios(sample).filter((s) => !run.request || s.name.includes(run.request));
  for (const s of wanted) {
    const row: Row = { database, request: s.name };
    const notes: string[] = [];
    const sides = {} as Record<Side, { scenario: Scenario | undefined; done: Measure[] }>;
    for (const side of SIDES) {
      let scenario: Scenario | undefined = s;
      const problem = await preflight(ports[side], tenant.token, s);
      if (problem && side === 'app' && run.standIn) {
        const standIn = (await preflight(ports.app, tenant.token, STAND_IN)) === undefined;
        scenario = standIn ? STAND_IN : undefined;
        row.standIn = standIn;
        notes.push(
          standIn ? `app: ${problem}; measured ${STAND_IN.name} instead` : `app not measured: ${problem}`,
        );
      } else if (problem) {
        scenario = undefined;
        notes.push(`${side} not measured: ${problem}`);
      }
      sides[side] = { scenario, done: [] };
    }
    if (notes.length) row.note = notes.join('; ');
    // Rounds rotate which side goes first (app, Fastify, bare / Fastify, bare, app / …), each side
    // warmed up once: drift on the machine or in the database (pages written back, the table growing
    // under POSTs) falls on every side instead of on whichever is measured last.
    for (let round = 0; round < rounds; round++) {
      const order = SIDES.map((_, i) => SIDES[(i + round) % SIDES.length] as Side);
      for (const name of order) {
        const side = sides[name];
        if (!side.scenario) continue;
        const first = side.done.length === 0;
        side.done.push(
          await measure(ports[name], tenant.token, side.scenario, {
            ...settings,
            warmup: first ? warmup : 0,
            cpuOf: cpuOf[name],
          }),
        );
      }
    }
    // One request alone: one connection, the latency of a request that waits for nothing else.
    for (const name of SIDES) {
      const side = sides[name];
      if (!side.scenario) continue;
      const m = await measure(ports[name], tenant.token, side.scenario, {
        connections: 1,
        duration: run.aloneSeconds,
        warmup: 0,
      });
      row.alone = { ...row.alone, [name]: m.p50 };
    }
    for (const name of SIDES) row[name] = combine(sides[name].done);
    if (rounds > 1 && row.app && !row.standIn) {
      const per = (c: Side) =>
        row[c] ? sides.app.done.map((m, i) => m.rps / (sides[c].done[i]?.rps ?? Number.NaN)) : undefined;
      row.roundRatios = { ceiling: per('ceiling'), bare: per('bare') };
    }
    console.log(
      `  ${s.name.padEnd(16)} app ${row.app ? `${Math.round(row.app.rps)} req/s` : '–'}` +
        `  Fastify ${row.ceiling ? `${Math.round(row.ceiling.rps)} req/s` : '–'}` +
        `  bare ${row.bare ? `${Math.round(row.bare.rps)} req/s` : '–'}` +
        `  app/Fastify ${ratio(row, 'ceiling')}  app/bare ${ratio(row, 'bare')}` +
        `  CPU ms/req ${SIDES.map((k) => `${k} ${cpuLine(row[k])}`).join(', ')}` +
        `  alone p50 ${SIDES.map((k) => `${k} ${row.alone?.[k]?.toFixed(2) ?? '–'} ms`).join(', ')}` +
        `  (connections up after ${rampOf(row)})` +
        (row.note ? `  (${row.note})` : ''),
    );
    rows.push(row);
  }
  return rows;
}

const cpuLine = (m?: Measure) => (m?.cpu ? `${m.cpu.server.toFixed(2)}+${m.cpu.database.toFixed(2)}` : '–');

/** Rounds of one side as one measure: requests over seconds, the median p50, the worst p99. */
function combine(done: Measure[]): Measure | undefined {
  if (done.length === 0) return undefined;
  const sum = (f: (m: Measure) => number) => done.reduce((a, m) => a + f(m), 0);
  const p50s = done.map((m) => m.p50).sort((a, b) => a - b);
  const total = sum((m) => m.total);
  const seconds = sum((m) => m.seconds);
  return {
    rps: total / seconds,
    total,
    seconds,
    p50: p50s[Math.floor(p50s.length / 2)] as number,
    p99: Math.max(...done.map((m) => m.p99)),
    rampMs: Math.max(...done.map((m) => m.rampMs)),
    ok: sum((m) => m.ok),
    non2xx: sum((m) => m.non2xx),
    errors: sum((m) => m.errors),
    cpu: done.every((m) => m.cpu)
      ? {
          server: sum((m) => (m.cpu?.server ?? 0) * m.total) / Math.max(1, total),
          database: sum((m) => (m.cpu?.database ?? 0) * m.total) / Math.max(1, total),
        }
      : undefined,
  };
}
