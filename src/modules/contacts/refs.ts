import { and, eq, exists, type SQL, sql } from 'drizzle-orm';
import type { Bindable, Ctx, StatementCtx } from '../context.ts';
import { AppError } from '../errors.ts';
import { scoped } from '../scope.ts';
import { organizations, persons } from './tables.ts';

/**
 * What other modules may ask of contacts: whether a referenced person or organization exists (not
 * deleted, in the caller's company, visible to the caller), and their names for presentation.
 */
export async function assertPersonExists(ctx: Ctx, id: number, field = 'person_id'): Promise<void> {
  const [row] = await personRef(ctx, id);
  if (!row) throw new AppError('not_found', 'Person not found', field);
}

export async function assertOrganizationExists(ctx: Ctx, id: number, field = 'org_id'): Promise<void> {
  const [row] = await organizationRef(ctx, id);
  if (!row) throw new AppError('not_found', 'Organization not found', field);
}

/** What assertPersonExists checks, as a condition of a one-statement write. */
export const personExistsSql = (ctx: StatementCtx, id: Bindable<number>): SQL => exists(personRef(ctx, id));

/** What assertOrganizationExists checks, as a condition of a one-statement write. */
export const organizationExistsSql = (ctx: StatementCtx, id: Bindable<number>): SQL =>
  exists(organizationRef(ctx, id));

function personRef(ctx: StatementCtx, id: Bindable<number>) {
  return ctx.db
    .select({ id: persons.id })
    .from(persons)
    .where(and(scoped(ctx, persons), eq(persons.id, id)));
}

function organizationRef(ctx: StatementCtx, id: Bindable<number>) {
  return ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(scoped(ctx, organizations), eq(organizations.id, id)));
}

/** id → name of the given persons of the company (deleted ones included: names of history). */
export async function personNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: persons.id, name: persons.name })
    .from(persons)
    .where(
      and(
        scoped(ctx, persons, { deleted: 'too', visibility: 'any' }),
        sql`${persons.id} = ANY(${sql.param(unique)}::bigint[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function organizationNames(ctx: Ctx, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(
      and(
        scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
        sql`${organizations.id} = ANY(${sql.param(unique)}::bigint[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}
