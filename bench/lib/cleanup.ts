/** Clean-up that also runs on Ctrl-C: server processes, temporary folders, databases. */

const cleanups = new Set<() => Promise<void>>();

/** Runs body, then undo — on Ctrl-C too (newest first). */
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
