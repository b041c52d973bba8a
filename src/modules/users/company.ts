import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { createDefaultActivityTypes } from '../activities/types.ts';
import type { Ctx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import { createDefaultLabels } from '../leads/labels.ts';
import { createDefaultPipeline } from '../pipelines/service.ts';
import { addUser, issueApiToken, type UserLocale } from './service.ts';
import { companies, type PLANS, users } from './tables.ts';

export type CompanyRow = typeof companies.$inferSelect;

export async function getCompany(ctx: Ctx): Promise<CompanyRow> {
  const [row] = await ctx.db.select().from(companies).where(eq(companies.id, ctx.companyId));
  if (!row) throw notFound('Company');
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return r?.n ?? 0;
}

export interface NewCompany {
  companyName: string;
  adminName: string;
  email: string;
  password?: string | undefined;
  /** a chosen API token (ADMIN_API_TOKEN); otherwise one is generated */
  apiToken?: string | undefined;
  plan?: (typeof PLANS)[number];
  currency?: string;
  /** the admin's language for the web app (the one chosen on the set-up page) */
  locale?: UserLocale | undefined;
}

/** The advisory lock that makes first-run set-up one at a time (any constant, the same everywhere). */
const FIRST_RUN_LOCK = 0x70_77_73_75; // "pwsu"

/**
 * First-run set-up: the first company and its admin, only on a database without users, once. The
 * check and the creation are one transaction under an advisory lock, so of concurrent set-ups exactly
 * one succeeds and the others get a conflict (on PostgreSQL as on the embedded database).
 */
export async function setUpFirstCompany(db: Db, input: NewCompany) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${FIRST_RUN_LOCK})`);
    if ((await countUsers(tx as unknown as Db)) > 0)
      throw new AppError('conflict', 'Pipewright is already set up; log in instead');
    return createCompanyWithAdmin(tx as unknown as Db, input);
  });
}

/**
 * Sets up a company: its admin, the admin's API token, the default pipeline with Pipedrive's stages,
 * the Hot/Warm/Cold lead labels and the default activity types. One transaction.
 */
export async function createCompanyWithAdmin(db: Db, input: NewCompany) {
  return db.transaction(async (tx) => {
    const [company] = await tx
      .insert(companies)
      .values({
        name: input.companyName,
        plan: input.plan ?? 'growth',
        // a company set up in Swedish counts in kronor unless told otherwise
        defaultCurrency: input.currency ?? (input.locale === 'sv_SE' ? 'SEK' : 'USD'),
      })
      .returning();
    if (!company) throw new AppError('internal', 'company not created');
    const system: Ctx = {
      db: tx as unknown as Db,
      companyId: company.id,
      user: { id: 0, isAdmin: true },
      actor: { type: 'system', userId: null, source: 'system' },
    };
    const admin = await addUser(system, {
      name: input.adminName,
      email: input.email,
      password: input.password,
      isAdmin: true,
      locale: input.locale,
      defaultCurrency: company.defaultCurrency,
    });
    const ctx: Ctx = { ...system, user: { id: admin.id, isAdmin: true } };
    const token = await issueApiToken(ctx, admin.id, input.apiToken);
    // the defaults in the language of the one who sets the company up
    const locale = input.locale ?? 'en_US';
    await createDefaultPipeline(ctx, locale);
    await createDefaultLabels(ctx, locale);
    await createDefaultActivityTypes(ctx, locale);
    return { company, user: admin, apiToken: token };
  });
}
