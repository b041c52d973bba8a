import autocannon, { type RawRequest } from 'autocannon';
import { cpuMs, cpuUsed } from '../lib/cpu.ts';
import { pct } from '../lib/stats.ts';

/** One benchmarked request; `request(n)` gives the n-th request sent (ids rotate). */
export interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  request(n: number): { path: string; body?: string };
  /** a problem with a 2xx answer's body, checked once before measuring */
  check?(body: any): string | undefined;
}

export interface Sample {
  personIds: number[];
  dealIds: number[];
}

export function scenarios(sample: Sample): Scenario[] {
  const deals = sample.dealIds.slice(0, 5);
  const persons = sample.personIds;
  if (deals.length === 0 || persons.length === 0) throw new Error('the seed produced no deals or persons');
  return [
    {
      name: 'list 100 leads',
      method: 'GET',
      request: () => ({ path: '/api/v1/leads?limit=100' }),
      check: (b) => (b?.data?.length === 100 ? undefined : `expected 100 leads, got ${b?.data?.length}`),
    },
    {
      name: 'get one deal',
      method: 'GET',
      request: (n) => ({ path: `/api/v2/deals/${deals[n % deals.length]}` }),
      check: (b) => (typeof b?.data?.id === 'number' ? undefined : 'no deal id in the answer'),
    },
    {
      name: 'add one lead',
      method: 'POST',
      request: (n) => ({
        path: '/api/v1/leads',
        body: JSON.stringify({ title: `Bench lead ${n}`, person_id: persons[n % persons.length] }),
      }),
      check: (b) => (typeof b?.data?.id === 'string' ? undefined : 'no lead id in the answer'),
    },
  ];
}

/** Measured in place of a route the app does not serve yet (`--stand-in`, while developing). */
export const STAND_IN: Scenario = {
  name: 'stand-in: GET /api/v2/pipelines',
  method: 'GET',
  request: () => ({ path: '/api/v2/pipelines' }),
};

export interface Measure {
  rps: number;
  /** requests answered and the seconds they took (to combine rounds) */
  total: number;
  seconds: number;
  p50: number;
  p99: number;
  /** how long until every connection had its first answer (not measured) */
  rampMs: number;
  ok: number;
  non2xx: number;
  /** over the whole run, the connections' ramp included: a failure counts wherever it happens */
  errors: number;
  /**
   * CPU ms per request in the measured window: the server's process, and (PostgreSQL) the database's
   * backends serving it; undefined when not asked for
   */
  cpu?: { server: number; database: number } | undefined;
}

/** The processes whose CPU a measure counts: the server's, and the database backends serving it. */
export interface CpuOf {
  server: number;
  /** found after the warm-up, when the server's pool has its connections */
  database?: () => Promise<number[]>;
}

const headersFor = (s: Scenario, token: string): Record<string, string> =>
  s.method === 'POST'
    ? { 'x-api-token': token, 'content-type': 'application/json' }
    : { 'x-api-token': token };

/** Sends one request; answers a problem (status or body) or undefined when it looks right. */
export async function preflight(port: number, token: string, s: Scenario): Promise<string | undefined> {
  const r = s.request(0);
  try {
    const res = await fetch(`http://127.0.0.1:${port}${r.path}`, {
      method: s.method,
      headers: headersFor(s, token),
      ...(r.body ? { body: r.body } : {}),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299) {
      let reason = text.slice(0, 100);
      try {
        reason = JSON.parse(text).error ?? reason;
      } catch {}
      return `HTTP ${res.status} (${reason})`;
    }
    return s.check?.(JSON.parse(text));
  } catch (err) {
    return `request failed: ${(err as Error).message}`;
  }
}

/**
 * Longest wait for every connection's first answer. A Node server under full load takes new
 * connections slowly (its accept queue drained a few per event-loop turn in our measurements: with 50
 * connections to a saturated list route, the last got its first answer 1–5 s after the first).
 */
const RAMP_LIMIT_S = 30;

/**
 * Runs autocannon against one server: a short warm-up, then the measured run. The measure starts once
 * every connection has had its first answer (`rampMs` says when) and lasts `duration` seconds from
 * there: latencies and req/s are those of the steady state, not of connections still being accepted.
 */
export async function measure(
  port: number,
  token: string,
  s: Scenario,
  opts: { connections: number; duration: number; warmup: number; cpuOf?: CpuOf | undefined },
): Promise<Measure> {
  let n = 1;
  const run = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: opts.connections,
      duration,
      requests: [
        {
          method: s.method,
          headers: headersFor(s, token),
          setupRequest: (req: RawRequest) => {
            const r = s.request(n++);
            return { ...req, path: r.path, ...(r.body ? { body: r.body } : {}) };
          },
        },
      ],
    });
  if (opts.warmup > 0) await run(opts.warmup);
  // The database's backends are looked up at each end of the window: a pool opens and closes
  // connections as it goes.
  const cpuOf = opts.cpuOf;
  const snapshot = async () => ({
    server: cpuMs(cpuOf ? [cpuOf.server] : []),
    database: cpuMs((await cpuOf?.database?.()) ?? []),
  });
  let cpuAtStart: Promise<Awaited<ReturnType<typeof snapshot>>> | undefined;
  let cpuAtEnd: typeof cpuAtStart;

  const started = performance.now();
  const instance = run(opts.duration + RAMP_LIMIT_S);
  const answered = new Set<unknown>();
  const latencies: number[] = [];
  let steadyAt: number | undefined;
  let ok = 0;
  let stopTimer: NodeJS.Timeout | undefined;
  instance.on('response', (client: unknown, status: number, _bytes: number, ms: number) => {
    if (steadyAt === undefined) {
      answered.add(client);
      if (answered.size < opts.connections) return;
      steadyAt = performance.now();
      cpuAtStart = snapshot();
      stopTimer = setTimeout(() => {
        // as at the start, requests in flight are half in and half out of the window
        cpuAtEnd = snapshot();
        void cpuAtEnd.finally(() => instance.stop());
      }, opts.duration * 1000);
      return;
    }
    latencies.push(ms);
    if (status >= 200 && status < 300) ok++;
  });
  const res = await instance;
  const ended = performance.now();
  clearTimeout(stopTimer);
  if (steadyAt === undefined) {
    throw new Error(
      `${s.name}: ${answered.size} of ${opts.connections} connections answered in ${RAMP_LIMIT_S} s`,
    );
  }
  latencies.sort((a, b) => a - b);
  const [start, end] = await Promise.all([cpuAtStart, cpuAtEnd]);
  const perRequest = (key: 'server' | 'database') =>
    start && end ? cpuUsed(start[key], end[key]) / Math.max(1, latencies.length) : 0;
  const seconds = (ended - steadyAt) / 1000;
  return {
    rps: latencies.length / seconds,
    total: latencies.length,
    seconds,
    p50: pct(latencies, 50) ?? 0,
    p99: pct(latencies, 99) ?? 0,
    rampMs: steadyAt - started,
    ok,
    non2xx: latencies.length - ok,
    errors: res.errors,
    cpu: cpuOf ? { server: perRequest('server'), database: perRequest('database') } : undefined,
  };
}
