import { randomUUID } from 'node:crypto';
import { AppError } from './errors.ts';

/** Where the detail of an unexpected failure goes: the server's log (set by buildApp). */
export type FailureLog = (errorId: string, err: unknown) => void;

let failureLog: FailureLog = (errorId, err) => {
  console.error(`failure ${errorId}:`, err);
};

/** Sets where failures are logged; returns the previous log. */
export function setFailureLog(log: FailureLog): FailureLog {
  const previous = failureLog;
  failureLog = log;
  return previous;
}

/** A short id that ties what a caller is told to the log line that has the detail. */
export const newErrorId = (): string => randomUUID().replaceAll('-', '').slice(0, 16);

/**
 * What a caller may read about a failure stored for later (a job's or a conversion's error): a domain
 * error's own message, or a generic one with an error id. The database's message (table and
 * constraint names, parameters) is logged under that id, never shown.
 */
export function publicReason(err: unknown, what: string): string {
  if (err instanceof AppError && err.byCaller) return err.message;
  const errorId = newErrorId();
  failureLog(errorId, err);
  return `${what} failed because of an internal error (error id ${errorId})`;
}
