/**
 * Failed logins are limited per address and e-mail (5 in 15 minutes) and per address (30 in 15
 * minutes). In memory: with several app nodes each counts its own, which still bounds guessing.
 */
const WINDOW_MS = 15 * 60 * 1000;
const PER_ACCOUNT = 5;
const PER_ADDRESS = 30;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

/** Seconds until the next attempt is allowed, or 0 when it is allowed now. */
export function loginBlockedFor(ip: string, email: string, now = Date.now()): number {
  const account = recent(`${ip}|${email.toLowerCase()}`, now);
  const address = recent(ip, now);
  const blocking = account.length >= PER_ACCOUNT ? account : address.length >= PER_ADDRESS ? address : null;
  if (!blocking) return 0;
  return Math.ceil((WINDOW_MS - (now - (blocking[0] ?? now))) / 1000);
}

export function recordLoginFailure(ip: string, email: string, now = Date.now()): void {
  for (const key of [`${ip}|${email.toLowerCase()}`, ip]) {
    failures.set(key, [...recent(key, now), now]);
  }
  if (failures.size > 100_000) failures.clear();
}

export function clearLoginFailures(ip: string, email: string): void {
  failures.delete(`${ip}|${email.toLowerCase()}`);
}
