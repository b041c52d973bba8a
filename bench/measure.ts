import autocannon, { type RawRequest } from 'autocannon';

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
  ok: number;
  non2xx: number;
  errors: number;
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

/** Runs autocannon against one server: a short warm-up, then the measured run. */
export async function measure(
  port: number,
  token: string,
  s: Scenario,
  opts: { connections: number; duration: number; warmup: number },
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
  const res = await run(opts.duration);
  return {
    rps: res.requests.average,
    total: res.requests.total,
    seconds: res.duration,
    p50: res.latency.p50,
    p99: res.latency.p99,
    ok: res['2xx'],
    non2xx: res.non2xx,
    errors: res.errors,
  };
}
