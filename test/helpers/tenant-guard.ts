import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.ts';

/**
 * Tables that are read across companies by design: who a log-in, a session or an API token belongs to
 * is what tells the company, and the job worker claims any company's job (the job then runs in its
 * company's ctx).
 */
const ACROSS_COMPANIES = new Set(['users', 'api_tokens', 'sessions', 'jobs', 'companies']);

/** Every table with a company_id column: tenant data. */
export const TENANT_TABLES: string[] = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => getTableConfig(t))
  .filter((c) => c.columns.some((col) => col.name === 'company_id') && !ACROSS_COMPANIES.has(c.name))
  .map((c) => c.name);

const names = TENANT_TABLES.join('|');
const reads = new RegExp(`\\b(?:from|join|update)\\s+"?(${names})"?(?=[\\s(,)]|$)`, 'gi');
const writes = new RegExp(`\\binto\\s+"?(${names})"?(?=[\\s(,)]|$)`, 'gi');
/** company_id compared with something, on either side: a filter or a join on the company */
const companyCondition = /company_id"?\s*(?:=|<>|\bin\b|\bis\b)|(?:=|\bin\b)\s*\(?\s*"?[\w."]*company_id\b/i;

/**
 * The tenant tables a statement reads or writes without saying which company: none, or their names.
 * A read, update or delete must compare company_id; an insert must at least write it.
 */
export function unscopedTables(text: string): string[] {
  const found = (re: RegExp) => [...text.matchAll(re)].map((m) => (m[1] as string).toLowerCase());
  const unscoped = [
    ...(companyCondition.test(text) ? [] : found(reads)),
    ...(/\bcompany_id\b/i.test(text) ? [] : found(writes)),
  ];
  return [...new Set(unscoped)];
}

/**
 * Throws before a statement on a tenant table that names no company is sent. The app and every ctx of
 * the tests run on a database with this guard (tests' own set-up uses fixtureDb, without it), so a use
 * case that forgets its tenant scope fails the first test that runs it.
 */
export function tenantGuard(text: string): void {
  const tables = unscopedTables(text);
  if (tables.length > 0)
    throw new Error(
      `A statement on tenant table ${tables.join(', ')} is not scoped to a company: ${text.slice(0, 300)}`,
    );
}
