import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../src/db/schema.ts';

/**
 * Tables that are read across companies by design: who a log-in, a session or an API token belongs to
 * is what tells the company, and the job worker claims any company's job (the job then runs in its
 * company's ctx). A web form's public id is what tells a public page its form and company,
 * and a share link's token hash its document and company.
 */
const ACROSS_COMPANIES = new Set([
  'users',
  'api_tokens',
  'sessions',
  'jobs',
  'companies',
  'web_form_public_ids',
  'document_shares',
]);

/** Every table with a company_id column: tenant data. */
export const TENANT_TABLES: string[] = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => getTableConfig(t))
  .filter((c) => c.columns.some((col) => col.name === 'company_id') && !ACROSS_COMPANIES.has(c.name))
  .map((c) => c.name);

const tenantConfigs = (Object.values(schema) as unknown[])
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => getTableConfig(t))
  .filter((c) => TENANT_TABLES.includes(c.name));
const withColumn = (column: string) =>
  tenantConfigs.filter((c) => c.columns.some((col) => col.name === column)).map((c) => c.name);
/** Tenant tables whose rows are deleted softly: reads must say live rows or "deleted too". */
export const SOFT_DELETE_TABLES: string[] = withColumn('is_deleted');
/** Tenant tables with an owner and visible_to: selects must say what the caller may see. */
export const VISIBILITY_TABLES: string[] = withColumn('visible_to');

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
  const deleted = undecidedDeleted(text);
  if (deleted.length > 0)
    throw new Error(
      `A statement reads ${deleted.join(', ')} without saying live rows or deleted too (scoped() in src/modules/scope.ts): ${text.slice(0, 300)}`,
    );
  const hidden = undecidedVisibility(text);
  if (hidden.length > 0)
    throw new Error(
      `A select reads ${hidden.join(', ')} without saying what the caller may see (scoped() in src/modules/scope.ts): ${text.slice(0, 300)}`,
    );
}

const readsOf = (tables: string[]) =>
  new RegExp(
    `(?<!\\bdelete\\s+)\\b(?:from|join)\\s+"?(${tables.join('|')})"?(?:\\s+(?:as\\s+)?"?(\\w+)"?)?`,
    'gi',
  );
const softReads = readsOf(SOFT_DELETE_TABLES);
const visibilityReads = readsOf(VISIBILITY_TABLES);
/** a column used as a condition: compared, negated, or a boolean term of and/or */
const condition = (qualifier: string, column: string) =>
  new RegExp(
    `(?:\\bnot\\s+${qualifier}"?${column}"?|${qualifier}"?${column}"?\\s*(?:=|<>|\\bis\\b|\\bin\\b|\\band\\b|\\bor\\b|\\)|$))`,
    'i',
  );

/**
 * The tables of `reads` in a statement for which neither a condition on `column` (qualified by the
 * table or its alias, or unqualified when the statement reads one table) nor the marker `what: table`
 * of src/modules/scope.ts is there.
 */
function undecided(text: string, reads: RegExp, column: string, what: string): string[] {
  const found = [...text.matchAll(reads)].map((m) => ({
    table: (m[1] as string).toLowerCase(),
    alias: m[2],
  }));
  const tables = new Set(found.map((f) => f.table));
  const left = found.filter(({ table, alias }) => {
    if (text.includes(`/* ${what}: ${table} */`)) return false;
    const names = [table, ...(alias ? [alias] : [])].map((n) => `"?${n}"?\\.`).join('|');
    if (condition(`(?:${names})`, column).test(text)) return false;
    return !(tables.size === 1 && condition('(?<![\\w."])', column).test(text));
  });
  return [...new Set(left.map((f) => f.table))];
}

/** Soft-delete tables a statement reads without saying live rows or "deleted too". */
export function undecidedDeleted(text: string): string[] {
  return undecided(text, softReads, 'is_deleted', 'deleted too');
}

/** a statement that writes: insert, update … set, delete */
const writesRows = /\binsert\s+into\b|\bupdate\s+"?\w+"?\s+(?:as\s+\w+\s+)?set\b|\bdelete\s+from\b/i;

/** Visibility tables a select reads without saying what the caller may see. */
export function undecidedVisibility(text: string): string[] {
  if (!/^\s*(?:select|with)\b/i.test(text) || writesRows.test(text)) return [];
  return undecided(text, visibilityReads, 'visible_to', 'all visible');
}
