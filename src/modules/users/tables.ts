import { sql } from 'drizzle-orm';
import { bigint, boolean, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { addTime, companyId, id, tstz, updateTime } from '../../db/columns.ts';

export const PLANS = ['lite', 'growth', 'premium', 'ultimate'] as const;

export const companies = pgTable('companies', {
  id: id(),
  name: text('name').notNull(),
  plan: text('plan', { enum: PLANS }).notNull().default('growth'),
  defaultCurrency: text('default_currency').notNull().default('USD'),
  addTime: addTime(),
  updateTime: updateTime(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    activeFlag: boolean('active_flag').notNull().default(true),
    defaultCurrency: text('default_currency').notNull().default('USD'),
    locale: text('locale').notNull().default('en_US'),
    lang: bigint('lang', { mode: 'number' }).notNull().default(1),
    timezoneName: text('timezone_name').notNull().default('UTC'),
    lastLogin: tstz('last_login'),
    addTime: addTime(),
    updateTime: updateTime(),
  },
  (t) => [
    // One login per e-mail address across the installation.
    uniqueIndex('users_email_uq').on(sql`lower(${t.email})`),
    index('users_company_idx').on(t.companyId, t.id),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    /** sha256 of the token; the token itself is shown once and never stored. */
    tokenHash: text('token_hash').notNull(),
    addTime: addTime(),
    revokeTime: tstz('revoke_time'),
  },
  (t) => [
    uniqueIndex('api_tokens_hash_uq').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.companyId, t.userId),
  ],
);

/** Web app sessions: the cookie carries a random token; only its sha256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    companyId: companyId().references(() => companies.id),
    userId: bigint('user_id', { mode: 'number' })
      .notNull()
      .references(() => users.id),
    /** sent back by the web app in x-csrf-token on every cookie-authenticated write */
    csrfToken: text('csrf_token').notNull(),
    addTime: addTime(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.companyId, t.userId)],
);
