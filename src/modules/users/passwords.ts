import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;

/** scrypt's cost: N (CPU and memory), r (block size), p (parallelism). */
export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP's recommendation for scrypt (N=2^17, r=8, p=1): 128 MiB and about 0.3–0.8 s per hash. Hashes
 * stored with other parameters still verify and are re-hashed with these at the next log-in.
 */
export const PRODUCTION_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
const KEYLEN = 32;
/** Hashes computed at once: each takes 128·N·r bytes (128 MiB), so a burst of log-ins queues here. */
const MAX_CONCURRENT = 2;

let current: ScryptCost = PRODUCTION_COST;

/**
 * Test suites only: hash new passwords at a lower cost so that the hundreds of accounts they make stay
 * fast. Production never calls this; PRODUCTION_COST is the only cost the server starts with.
 */
export function setPasswordCostForTests(cost: ScryptCost): void {
  current = cost;
}

let running = 0;
const waiting: (() => void)[] = [];

async function limited<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function derive(password: string, salt: Buffer, len: number, cost: ScryptCost): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; leave headroom above it.
  const maxmem = 2 * 128 * cost.N * cost.r;
  return limited(() => scrypt(password, salt, len, { N: cost.N, r: cost.r, p: cost.p, maxmem }));
}

export async function hashPassword(password: string, cost: ScryptCost = current): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEYLEN, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function parse(stored: string) {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !r || !p || !salt || !hash) return null;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  // A stored hash is ours, but a corrupt one must not ask scrypt for gigabytes.
  const sane =
    Number.isInteger(cost.N) &&
    cost.N >= 2 &&
    cost.N <= 2 ** 20 &&
    Number.isInteger(cost.r) &&
    cost.r >= 1 &&
    cost.r <= 32 &&
    Number.isInteger(cost.p) &&
    cost.p >= 1 &&
    cost.p <= 16;
  return sane ? { cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') } : null;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const key = await derive(password, parsed.salt, parsed.hash.length, parsed.cost);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** Whether a stored hash was made with other parameters than new hashes get (re-hash it at log-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const { N, r, p } = parsed.cost;
  return N !== current.N || r !== current.r || p !== current.p || parsed.hash.length !== KEYLEN;
}
