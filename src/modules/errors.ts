/**
 * Typed errors of the domain. Domain code throws these and never sees HTTP; src/http/error-status.ts
 * maps each code to a status and the error handler to Pipedrive's envelope.
 */
export const ERROR_CODES = [
  'validation_failed',
  'bad_request',
  'unauthorized',
  'payment_required',
  'forbidden',
  'plan_limit_reached',
  'not_found',
  'method_not_allowed',
  'conflict',
  'gone',
  'payload_too_large',
  'unsupported_media_type',
  'unprocessable',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  /** The request field the error is about, when there is one. */
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.field = field;
  }

  /** The caller's own doing (bad input, a missing record, a refusal), as opposed to a failure of ours. */
  get byCaller(): boolean {
    return this.code !== 'internal';
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export const invalid = (field: string, message: string) =>
  new AppError('validation_failed', `Validation failed: ${field}: ${message}`, field);

/** Loads a record referenced by a request field; a missing one is a 404 that names the field. */
export async function referenced<T>(field: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', e.message, field);
    throw e;
  }
}
