/**
 * Token buckets in this process: each key holds up to `capacity` tokens, refilled at `perMinute`; a
 * request takes one or is refused. With several app nodes each keeps its own buckets, so the limits
 * multiply by the number of nodes: a shared store (PostgreSQL or Redis) is needed to hold them exactly.
 */
export class TokenBuckets {
  private buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes a token for `key`; false when the bucket is empty. */
  take(key: string, now = Date.now()): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 60_000) * this.perMinute);
    const allowed = tokens >= 1;
    // re-inserted last: the map stays ordered from least to most recently used
    this.buckets.delete(key);
    this.buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: now });
    if (this.buckets.size > this.maxKeys) this.evict();
    return allowed;
  }

  /** Seconds until `key` has a token again. */
  retryAfter(key: string, now = Date.now()): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const tokens = b.tokens + ((now - b.at) / 60_000) * this.perMinute;
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) * 60) / this.perMinute);
  }

  /** Drops the least recently used tenth (a full bucket forgotten is a bucket refilled: harmless). */
  private evict(): void {
    let drop = Math.ceil(this.maxKeys / 10);
    for (const key of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(key);
    }
  }
}

/** Submissions per visitor address (any form): a person sends a form a few times at most. */
export const PER_ADDRESS = { capacity: 5, perMinute: 5 } as const;
/** Submissions per form (any address): bounds a spread-out flood of one form. */
export const PER_FORM = { capacity: 60, perMinute: 60 } as const;
/** Page views per address: generous, they write nothing but cost a read. */
export const PAGES_PER_ADDRESS = { capacity: 120, perMinute: 120 } as const;
