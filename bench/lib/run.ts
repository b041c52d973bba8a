/** What every benchmark's entry does: its arguments, clean-up on Ctrl-C, and a failure's exit code. */
import { cleanUpOnInterrupt } from './cleanup.ts';
import { DATABASE_KINDS, type DatabaseKind } from './database.ts';

export const log = (line: string) => console.log(line);

/** Prints the problem and the usage, and exits 2. */
export function usage(problem: string, text: string): never {
  console.error(problem);
  console.error(`usage: ${text}`);
  process.exit(2);
}

/** `--only embedded|postgres`: the one database to measure, or both. */
export function onlyOf(value: string | undefined, text: string): DatabaseKind | undefined {
  if (value === undefined) return undefined;
  if (!DATABASE_KINDS.includes(value as DatabaseKind)) usage('--only takes embedded or postgres', text);
  return value as DatabaseKind;
}

/** A positive number (a whole one when `whole`) from an argument, or exit 2. */
export function positive(name: string, value: string, text: string, whole = false): number {
  const n = Number(value);
  if (!(n > 0) || (whole && !Number.isInteger(n))) {
    usage(`--${name} takes a positive ${whole ? 'whole number' : 'number'}`, text);
  }
  return n;
}

/** Runs main; Ctrl-C cleans up (then `onInterrupt`); a failure is printed and exits 1. */
export function runBench(main: () => Promise<void>, onInterrupt?: () => Promise<void>): void {
  cleanUpOnInterrupt(log, onInterrupt);
  main().catch(async (err) => {
    console.error(err);
    await onInterrupt?.().catch(() => {});
    process.exit(1);
  });
}
