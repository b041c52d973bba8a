/** Pipedrive's response envelopes (spec/pipedrive-api.md §3). */

export const ERROR_INFO = 'Please check developers.pipedrive.com for more information about Pipedrive API.';

export function ok<T>(data: T, extra?: Record<string, unknown>) {
  return { success: true as const, data, ...extra };
}

/** v2 list: cursor pagination, `next_cursor: null` on the last page. */
export function cursorList<T>(data: T[], nextCursor: string | null) {
  return { success: true as const, data, additional_data: { next_cursor: nextCursor } };
}

/**
 * v1 list with offset pagination. Emits both the nested `pagination` object and the flat copy, as the
 * client's models disagree between endpoints (spec §3.1).
 */
export function offsetList<T, E extends Record<string, unknown> = Record<string, never>>(
  data: T[],
  start: number,
  limit: number,
  more: boolean,
  extra?: E,
) {
  const pagination: { start: number; limit: number; more_items_in_collection: boolean; next_start?: number } =
    {
      start,
      limit,
      more_items_in_collection: more,
    };
  if (more) pagination.next_start = start + limit;
  return {
    success: true as const,
    data,
    additional_data: { start, limit, more_items_in_collection: more, pagination },
    ...(extra as E),
  };
}

export function errorBody(message: string, code: string, status: number) {
  return {
    success: false as const,
    error: message,
    code,
    errorCode: status,
    error_info: ERROR_INFO,
    data: null,
    additional_data: null,
  };
}
