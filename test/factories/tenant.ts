import type { Tenant } from '../helpers/app.ts';

/**
 * What a factory needs of a tenant: `ctx` to write through the real use cases (held to the tenant
 * guard), `db` for the few states the API cannot make and for reading rows back.
 */
export type Maker = Pick<Tenant, 'ctx' | 'db'>;

export const DAY_MS = 24 * 3600 * 1000;

/** `days` days before now. */
export const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);
