/** The web app's calls to its own API: cookie session, CSRF header on writes, Pipedrive envelopes. */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
/** The CSRF token for a write made outside `api` (an upload's XMLHttpRequest). */
export const getCsrfToken = () => csrfToken;

type Query = Record<string, string | number | boolean | undefined | null>;

function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  query?: Query,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // a FormData body is multipart: fetch sets the type with its boundary
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(url(path, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    signal,
  });
  const json = (await res.json().catch(() => null)) as { success?: boolean; error?: string } | null;
  if (!res.ok || !json || json.success === false) {
    throw new ApiError(json?.error ?? `Request failed (${res.status})`, res.status);
  }
  return json as T;
}

export interface Envelope<T> {
  success: true;
  data: T;
  additional_data?: {
    next_cursor?: string | null;
    more_items_in_collection?: boolean;
    next_start?: number;
  } | null;
}

export const api = {
  /** `signal`: a look-up superseded by a newer one (typing) is cancelled */
  get: <T>(path: string, query?: Query, signal?: AbortSignal) =>
    call<Envelope<T>>('GET', path, undefined, query, signal),
  post: <T>(path: string, body: unknown = {}) => call<Envelope<T>>('POST', path, body),
  patch: <T>(path: string, body: unknown) => call<Envelope<T>>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => call<Envelope<T>>('PUT', path, body),
  /** with a body: DELETE …Fields/{code}/options sends its ids as JSON */
  del: <T>(path: string, body?: unknown) => call<Envelope<T>>('DELETE', path, body),
};

/**
 * A request body, or how to make it: when it needs a request of its own first (a contact typed as new is
 * created, then linked), the mutation's pending and error states cover both.
 */
export type BodyOf<T> = T | (() => Promise<T>);

export const bodyOf = <T>(body: BodyOf<T>): Promise<T> =>
  typeof body === 'function' ? (body as () => Promise<T>)() : Promise.resolve(body);
