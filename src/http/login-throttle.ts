/**
 * Log-in attempts are limited within 15 minutes: 5 per address and account, 10 per account from any
 * address (guessing spread over many addresses), 30 per address (one address trying many accounts).
 *
 * An attempt is counted when it starts, before the password is hashed: a burst of concurrent guesses
 * sees the attempts of the others, so no more than the limit are ever checked. A successful log-in
 * takes its own attempt back and clears the failures of that address and account.
 *
 * In memory: with several app nodes each counts its own, which still bounds guessing. A blocked
 * account is a soft lock-out that ends with the window (ASVS 2.2.1).
 */
const WINDOW_MS = 15 * 60 * 1000;
const LIMITS = { addressAndAccount: 5, account: 10, address: 30 } as const;
const MAX_KEYS = 100_000;

const attempts = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (attempts.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (list.length) attempts.set(key, list);
  else attempts.delete(key);
  return list;
}

function keysOf(ip: string, email: string) {
  const account = email.trim().toLowerCase();
  return [
    { key: `a|${ip}|${account}`, limit: LIMITS.addressAndAccount },
    { key: `u|${account}`, limit: LIMITS.account },
    { key: `i|${ip}`, limit: LIMITS.address },
  ];
}

/**
 * Bounds memory: beyond MAX_KEYS, the least recently attempted tenth goes. Clearing everything
 * instead would let a flood of made-up e-mails wipe every count.
 */
function evictOldest(): void {
  if (attempts.size <= MAX_KEYS) return;
  let drop = Math.ceil(MAX_KEYS / 10);
  for (const key of attempts.keys()) {
    if (drop-- <= 0) break;
    attempts.delete(key);
  }
}

export type LoginAttempt =
  | { allowed: false; retryAfterSeconds: number }
  | { allowed: true; succeeded(): void };

/**
 * Counts a log-in attempt before the password is checked. Synchronous on purpose: the check and the
 * count happen in one step, with no await between them.
 */
export function beginLoginAttempt(ip: string, email: string, now = Date.now()): LoginAttempt {
  const keys = keysOf(ip, email);
  let wait = 0;
  for (const { key, limit } of keys) {
    const list = recent(key, now);
    if (list.length >= limit) {
      // The window frees a slot when the oldest of the last `limit` attempts leaves it.
      const oldest = list[list.length - limit] ?? now;
      wait = Math.max(wait, Math.ceil((WINDOW_MS - (now - oldest)) / 1000));
    }
  }
  if (wait > 0) return { allowed: false, retryAfterSeconds: Math.max(wait, 1) };
  for (const { key } of keys) {
    const list = [...recent(key, now), now];
    // Re-inserted, so that the map's order is least recently attempted first.
    attempts.delete(key);
    attempts.set(key, list);
  }
  evictOldest();
  return {
    allowed: true,
    succeeded() {
      const [pair, ...others] = keys;
      if (pair) attempts.delete(pair.key);
      for (const { key } of others) {
        const list = attempts.get(key);
        const i = list?.indexOf(now) ?? -1;
        if (list && i >= 0) {
          list.splice(i, 1);
          if (!list.length) attempts.delete(key);
        }
      }
    },
  };
}
