import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';

/**
 * What every benchmark script shares: clean-up that also runs on Ctrl-C, servers in child processes, and
 * percentiles.
 */

/** The p-th percentile (nearest rank) of ascending values; undefined when there are none. */
export function pct(sorted: readonly number[] | undefined, p: number): number | undefined {
  if (!sorted?.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const cleanups = new Set<() => Promise<void>>();

/** Runs body, then undo (server processes, temporary folders, databases) — on Ctrl-C too. */
export async function withCleanup<T>(undo: () => Promise<void>, body: () => Promise<T>): Promise<T> {
  cleanups.add(undo);
  try {
    return await body();
  } finally {
    cleanups.delete(undo);
    await undo();
  }
}

/** On Ctrl-C: undo what is pending (newest first), then `also`, then exit 130. */
export function cleanUpOnInterrupt(log: (line: string) => void, also?: () => Promise<void>): void {
  process.once('SIGINT', async () => {
    log('interrupted: cleaning up…');
    for (const undo of [...cleanups].reverse()) await undo().catch(() => {});
    await also?.().catch(() => {});
    process.exit(130);
  });
}

export interface ChildServer<R> {
  ready: Promise<R>;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * A server script in its own process (so the load generator does not share its event loop), given its
 * config as JSON in one environment variable; it answers `{type: 'ready', …}` over IPC when it listens.
 */
export function startChild<R extends { type: string }>(
  script: string,
  envName: string,
  config: unknown,
): ChildServer<R> {
  const child: ChildProcess = fork(script, [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, [envName]: JSON.stringify(config) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<R>((resolve, reject) => {
    child.on('message', (m: R) => {
      if (m?.type === 'ready') resolve(m);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited (code ${code}) before it was ready`)));
  });
  return {
    ready,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let ticksPerSecond: number | undefined;

/**
 * CPU time (user + system, ms) each process has used so far, from /proc (Linux; 0 elsewhere or for a
 * process that is gone). CPU per request is what a server costs, whatever else the machine runs: on a
 * shared machine, req/s and latency also measure the neighbours.
 */
export function cpuMs(pids: readonly number[]): Map<number, number> {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      // fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    } catch {}
  }
  return out;
}

/**
 * CPU ms used between two cpuMs snapshots: a process that appeared in between (a pool's new
 * connection) counts whole, one that ended in between is lost.
 */
export function cpuUsed(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
