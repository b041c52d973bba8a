/**
 * Part 2 of the conversion benchmark (bench/conversion.ts): single lead → deal conversions over HTTP
 * against the real app in its own process: POST /api/v2/leads/{id}/convert/deal, timed with plain fetch
 * (request sent → JSON answer read), one after the other and then from concurrent clients; afterwards
 * every conversion's status endpoint must say completed (not timed).
 */
import { pct } from '../lib/stats.ts';

export interface LatencyResult {
  label: string;
  count: number;
  clients: number;
  p50: number;
  p99: number;
  max: number;
  /** conversions per second over the phase (wall clock) */
  perSec: number;
  completed: number;
  problems: string[];
}

interface Started {
  leadId: string;
  conversionId?: string;
  problem?: string;
}

async function convertOne(base: string, token: string, leadId: string): Promise<Started & { ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v2/leads/${leadId}/convert/deal`, {
    method: 'POST',
    headers: { 'x-api-token': token, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await res.json().catch(() => null)) as {
    data?: { conversion_id?: string };
    error?: string;
  } | null;
  const ms = performance.now() - t0;
  const conversionId = body?.data?.conversion_id;
  if (res.status !== 200 || !conversionId) {
    return { leadId, ms, problem: `${leadId}: HTTP ${res.status} ${body?.error ?? ''}`.trim() };
  }
  return { leadId, conversionId, ms };
}

async function statusOf(base: string, token: string, s: Started): Promise<string> {
  const res = await fetch(`${base}/api/v2/leads/${s.leadId}/convert/status/${s.conversionId}`, {
    headers: { 'x-api-token': token },
  });
  const body = (await res.json().catch(() => null)) as {
    data?: { status?: string; deal_id?: number };
  } | null;
  if (res.status !== 200) return `HTTP ${res.status}`;
  if (body?.data?.status === 'completed' && typeof body.data.deal_id === 'number') return 'completed';
  return String(body?.data?.status ?? 'no status');
}

/** Converts `leadIds` with `clients` concurrent clients (1 = sequential) and checks every status. */
export async function convertOverHttp(
  label: string,
  port: number,
  token: string,
  leadIds: string[],
  clients: number,
): Promise<LatencyResult> {
  const base = `http://127.0.0.1:${port}`;
  const queue = [...leadIds];
  const times: number[] = [];
  const started: Started[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const r = await convertOne(base, token, id);
        times.push(r.ms);
        started.push(r);
      }
    }),
  );
  const wall = performance.now() - t0;
  const problems = started.flatMap((s) => (s.problem ? [s.problem] : []));
  let completed = 0;
  for (const s of started) {
    if (!s.conversionId) continue;
    const status = await statusOf(base, token, s);
    if (status === 'completed') completed++;
    else problems.push(`${s.leadId}: status ${status}`);
  }
  times.sort((a, b) => a - b);
  return {
    label,
    count: times.length,
    clients,
    p50: pct(times, 50) ?? 0,
    p99: pct(times, 99) ?? 0,
    max: times.at(-1) ?? 0,
    perSec: times.length / (wall / 1000),
    completed,
    problems,
  };
}

/** A few conversions that are not counted: JIT, plan caches and pools warm up. */
export async function warmUp(port: number, token: string, leadIds: string[]): Promise<void> {
  const base = `http://127.0.0.1:${port}`;
  for (const id of leadIds) {
    const r = await convertOne(base, token, id);
    if (r.problem) throw new Error(`warm-up conversion failed: ${r.problem}`);
  }
}
