import { ApiError } from './client.ts';

/** No retries for answers that will not change (404, 403, 400); two for the others. */
export const retryUnlessClientError = (count: number, e: unknown) =>
  !(e instanceof ApiError && e.status < 500) && count < 2;
