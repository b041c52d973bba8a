import { createHash, randomBytes } from 'node:crypto';

/** A new API token: 40 hex characters, like Pipedrive's. */
export function newApiToken(): string {
  return randomBytes(20).toString('hex');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
