/**
 * Counts the requests a node is serving, so that background work on the embedded database (one
 * connection for everything) waits for a quiet moment before each piece of work: a request's queries
 * then run one after the other instead of each waiting behind a piece of a job.
 */
export class RequestGauge {
  #busy = 0;
  #waiters = new Set<() => void>();

  enter(): void {
    this.#busy++;
  }

  leave(): void {
    this.#busy = Math.max(0, this.#busy - 1);
    if (this.#busy === 0) for (const wake of [...this.#waiters]) wake();
  }

  /**
   * Resolves when no request is being served, or after `maxWaitMs` (work must not starve). It first
   * lets the event loop take in what arrived: the embedded database answers without real I/O, so a job
   * that only awaits its queries would never let a waiting connection's request be read.
   */
  async whenQuiet(maxWaitMs = 1000): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    if (this.#busy === 0) return;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.#waiters.add(done);
    });
  }
}
