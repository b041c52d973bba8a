import { createHmac, timingSafeEqual } from 'node:crypto';

/** A visitor needs at least this long between loading the page and sending it (bots are faster). */
export const MIN_FILL_MS = 3000;
/** A page older than this must be loaded again. */
export const MAX_FILL_MS = 24 * 3600 * 1000;

const mac = (key: string, publicId: string, time: number) =>
  createHmac('sha256', key).update(`${publicId}.${time}`).digest('base64url');

/** The hidden `_t` field of the page: when it was served, signed with the form's key. */
export function signFillTime(key: string, publicId: string, time: number): string {
  return `${time}.${mac(key, publicId, time)}`;
}

export type FillCheck = 'ok' | 'missing' | 'too_fast' | 'expired';

/** Whether the token is ours and the page was filled in for long enough (and not too long ago). */
export function checkFillTime(key: string, publicId: string, token: unknown, now: number): FillCheck {
  if (typeof token !== 'string' || token.length > 200) return 'missing';
  const m = /^(\d{13})\.([\w-]{43})$/.exec(token);
  if (!m) return 'missing';
  const time = Number(m[1]);
  const expected = Buffer.from(mac(key, publicId, time));
  const given = Buffer.from(m[2] as string);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'missing';
  if (now - time < MIN_FILL_MS) return 'too_fast';
  if (now - time > MAX_FILL_MS) return 'expired';
  return 'ok';
}
