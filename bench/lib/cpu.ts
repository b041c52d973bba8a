import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

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
