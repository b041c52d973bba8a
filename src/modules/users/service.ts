import { and, asc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../http/context.ts';
import { recordEvent } from '../audit/service.ts';
import { type Bindable, type Ctx, inTx, isTx, type StatementCtx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { hashPassword } from './passwords.ts';
import { apiTokens, users } from './tables.ts';
import { hashToken, newApiToken } from './tokens.ts';

export type UserRow = typeof users.$inferSelect;

export async function findPrincipalByTokenHash(db: Db, tokenHash: string): Promise<Principal | null> {
  const rows = await db
    .select({
      userId: users.id,
      companyId: users.companyId,
      isAdmin: users.isAdmin,
      active: users.activeFlag,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokeTime)))
    .limit(1);
  const row = rows[0];
  if (!row?.active) return null;
  return { userId: row.userId, companyId: row.companyId, isAdmin: row.isAdmin, via: 'api_token' };
}

export async function listUsers(ctx: Ctx): Promise<UserRow[]> {
  return ctx.db.select().from(users).where(eq(users.companyId, ctx.companyId)).orderBy(asc(users.id));
}

/**
 * v1 GET /users/find: the company's users whose name (or, with byEmail, e-mail) contains the term,
 * case-insensitively, by id.
 */
export async function findUsers(ctx: Ctx, term: string, byEmail: boolean): Promise<UserRow[]> {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return ctx.db
    .select()
    .from(users)
    .where(
      and(eq(users.companyId, ctx.companyId), sql`${byEmail ? users.email : users.name} ILIKE ${pattern}`),
    )
    .orderBy(asc(users.id));
}

export async function getUser(ctx: Ctx, id: number): Promise<UserRow> {
  const rows = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.companyId, ctx.companyId), eq(users.id, id)))
    .limit(1);
  if (!rows[0]) throw notFound('User');
  return rows[0];
}

/**
 * Users found active in an open transaction, by its handle: a use case that writes several records for
 * one owner (a web form's submission: organization, person, lead) asks once, not once per record.
 * Nothing in the app deactivates a user inside a transaction that also assigns them.
 */
const activeInTx = new WeakMap<object, Set<number>>();

/** Throws unless every id is an active user of the caller's company (owner_id, user_id fields). */
export async function assertUsersExist(ctx: Ctx, ids: number[], field: string): Promise<void> {
  const known = isTx(ctx) ? activeInTx.get(ctx.db) : undefined;
  const unique = [...new Set(ids)].filter((id) => !known?.has(id));
  if (unique.length === 0) return;
  const rows = await ctx.db.select({ id: users.id }).from(users).where(activeUsersIn(ctx, unique));
  if (rows.length !== unique.length) {
    throw new AppError('not_found', `User not found (${field})`, field);
  }
  if (isTx(ctx)) activeInTx.set(ctx.db, new Set([...(known ?? []), ...unique]));
}

/** What assertUsersExist checks, as a condition of a one-statement write; `ids` without repeats. */
export function usersExistSql(ctx: StatementCtx, ids: Bindable<number[]>): SQL {
  return sql`(select count(*) from ${users} where ${activeUsersIn(ctx, ids)}) = cardinality(${sql.param(ids)}::bigint[])`;
}

function activeUsersIn(ctx: StatementCtx, ids: Bindable<number[]>) {
  return and(
    eq(users.companyId, ctx.companyId),
    eq(users.activeFlag, true),
    sql`${users.id} = ANY(${sql.param(ids)}::bigint[])`,
  );
}

export interface NewUser {
  name: string;
  email: string;
  password?: string | undefined;
  isAdmin?: boolean;
  /** the web app's language for this user; en_US unless given */
  locale?: UserLocale | undefined;
  /** the currency new deals and leads of this user get; USD unless given */
  defaultCurrency?: string | undefined;
}

export async function emailTaken(db: Db, email: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return rows.length > 0;
}

export async function addUser(ctx: Ctx, input: NewUser): Promise<UserRow> {
  return inTx(ctx, async (ctx) => {
    if (await emailTaken(ctx.db, input.email)) {
      throw new AppError('conflict', 'A user with this email already exists', 'email');
    }
    const [row] = await ctx.db
      .insert(users)
      .values({
        companyId: ctx.companyId,
        name: input.name,
        email: input.email,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        isAdmin: input.isAdmin ?? false,
        ...(input.locale ? { locale: input.locale } : {}),
        ...(input.defaultCurrency ? { defaultCurrency: input.defaultCurrency } : {}),
      })
      .returning();
    if (!row) throw new AppError('internal', 'user not created');
    await recordEvent(ctx, { itemType: 'user', itemId: row.id, action: 'create' });
    return row;
  });
}

/** Issues a new API token for a user (revoking the old ones); returns the token, shown once. */
export async function issueApiToken(
  ctx: Ctx,
  userId: number,
  token: string = newApiToken(),
): Promise<string> {
  await ctx.db
    .update(apiTokens)
    .set({ revokeTime: new Date() })
    .where(
      and(eq(apiTokens.companyId, ctx.companyId), eq(apiTokens.userId, userId), isNull(apiTokens.revokeTime)),
    );
  await ctx.db.insert(apiTokens).values({ companyId: ctx.companyId, userId, tokenHash: hashToken(token) });
  return token;
}

/** The web app's languages, as Pipedrive's user locales. */
export const USER_LOCALES = ['en_US', 'sv_SE'] as const;
export type UserLocale = (typeof USER_LOCALES)[number];

/** The caller's own language for the web app (Settings → Profile). */
export async function setOwnLocale(ctx: Ctx, locale: UserLocale): Promise<UserRow> {
  return inTx(ctx, async (tx) => {
    const before = await getUser(tx, tx.user.id);
    const [row] = await tx.db
      .update(users)
      .set({ locale, updateTime: new Date() })
      .where(and(eq(users.companyId, tx.companyId), eq(users.id, tx.user.id)))
      .returning();
    if (!row) throw new AppError('not_found', 'User not found');
    if (before.locale !== locale)
      await recordEvent(tx, {
        itemType: 'user',
        itemId: row.id,
        action: 'change',
        changes: [{ field_key: 'locale', old_value: before.locale, new_value: locale }],
      });
    return row;
  });
}
