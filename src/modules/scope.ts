import { type AnyColumn, and, eq, getTableName, type SQL, sql } from 'drizzle-orm';
import type { StatementCtx } from './context.ts';
import { visibleToCaller } from './users/visibility.ts';

/** A table of one company's data. */
export interface TenantTable {
  companyId: AnyColumn;
}
type SoftDeleted = { isDeleted: AnyColumn };
type Owned = { visibleTo: AnyColumn; ownerId: AnyColumn };

/**
 * Which rows of a tenant table a statement may reach, said once: `deleted` only for tables that delete
 * softly, `visibility` only for tables with an owner and visible_to.
 */
export type Scope<T> = (T extends SoftDeleted
  ? {
      /** 'live' (the default): rows not deleted; 'too': deleted ones as well; 'only': deleted ones. */
      deleted?: 'live' | 'too' | 'only';
    }
  : { deleted?: never }) &
  (T extends Owned
    ? {
        /**
         * 'caller' (the default): what the caller may see (spec §7.4); 'any': every row of the company —
         * for checks whose answer the caller does not see, or rows reached through one the caller saw.
         */
        visibility?: 'caller' | 'any';
      }
    : { visibility?: never });

const hasDelete = (t: object): t is SoftDeleted => 'isDeleted' in t;
const hasOwner = (t: object): t is Owned => 'visibleTo' in t && 'ownerId' in t;

/**
 * The one way domain code names the rows of a tenant table: the caller's company, live rows and what
 * the caller may see, unless the scope says otherwise in words. The choices that widen the scope leave
 * a marker in the statement (`deleted too`, `all visible`), so the tenant guard of the tests
 * (test/helpers/tenant-guard.ts) can tell a decision from a forgotten condition.
 */
export function scoped<T extends TenantTable>(
  ctx: Pick<StatementCtx, 'companyId' | 'user'>,
  t: T,
  scope: Scope<T> = {} as Scope<T>,
): SQL {
  const parts: (SQL | undefined)[] = [eq(t.companyId, ctx.companyId)];
  if (hasDelete(t)) parts.push(liveRows(t, scope.deleted ?? 'live'));
  if (hasOwner(t)) parts.push(visibleRows(ctx, t, scope.visibility ?? 'caller'));
  return and(...parts) as SQL;
}

/** The live-rows part alone, for a table reached through a join whose company is already compared. */
export function liveRows(t: SoftDeleted, deleted: 'live' | 'too' | 'only' = 'live'): SQL {
  if (deleted === 'live') return sql`${t.isDeleted} = false`;
  if (deleted === 'only') return sql`${t.isDeleted} = true`;
  return marker('deleted too', t);
}

/** The visibility part alone. */
export function visibleRows(
  ctx: Pick<StatementCtx, 'user'>,
  t: Owned,
  visibility: 'caller' | 'any' = 'caller',
): SQL {
  const rule = visibility === 'caller' ? visibleToCaller(ctx, t) : undefined;
  // an admin sees every row: the same marker as a decision to reach them all
  return rule ?? marker('all visible', t);
}

/**
 * Every row of the table whoever the caller is, for work done on the company's behalf (purges,
 * upkeep): the visibility marker where the table has one, else nothing.
 */
export function allRows(t: object): SQL {
  return hasOwner(t) ? marker('all visible', t) : sql`true`;
}

function marker(what: string, t: object): SQL {
  const column = ('isDeleted' in t ? t.isDeleted : (t as Owned).visibleTo) as AnyColumn;
  const table = getTableName(column.table).replace(/[^\w]/g, '');
  return sql.raw(`true /* ${what}: ${table} */`);
}
