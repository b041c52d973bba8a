import { AppError } from '../../http/errors.ts';

/** Reasons a conversion is refused, as the status and the bulk results report them. */
export const REASONS = {
  leadNotFound: 'Lead not found',
  leadArchived: 'Archived leads cannot be converted; unarchive the lead first',
  leadConverted: 'Lead already converted to a deal',
  dealNotFound: 'Deal not found',
  dealArchived: 'Archived deals cannot be converted; unarchive the deal first',
  dealConverted: 'Deal already converted to a lead',
} as const;

/**
 * The reason of a failure for the caller: a domain error's message, or the database's own message
 * (the innermost cause: drivers wrap it in "Failed query: …" with the parameters).
 */
export function reasonOf(err: unknown): string {
  if (err instanceof AppError) return err.message;
  let reason = 'conversion failed';
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.message === 'string' && e.message) reason = e.message;
    e = e.cause as typeof e;
  }
  return reason.slice(0, 500);
}
