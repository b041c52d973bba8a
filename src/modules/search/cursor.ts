import { invalid } from '../errors.ts';

/**
 * Search results are ranked by score, so their cursor is an offset into the ranking (base64url JSON
 * `{"o": n}`); results are few (see SCAN_CAP).
 */
export function encodeOffsetCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

export function decodeOffsetCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o?: unknown };
    const o = parsed?.o;
    if (typeof o === 'number' && Number.isSafeInteger(o) && o >= 0) return o;
  } catch {
    // fall through
  }
  throw invalid('cursor', 'invalid cursor');
}
