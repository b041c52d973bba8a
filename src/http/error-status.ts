import type { AppError, ErrorCode } from '../modules/errors.ts';

/** The HTTP status of each domain error code: the one place the domain's errors meet HTTP. */
export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  plan_limit_reached: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

export const statusOf = (err: AppError): number => ERROR_STATUS[err.code];
