import { getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { leadDealLinks, organizationReferences, personReferences } from '../src/modules/references.ts';
import { testDatabase } from './helpers/db.ts';

/** Tables whose column of that name is not a link to move or re-point, and why. */
const NOT_LINKS: Record<string, string[]> = {
  lead_id: ['chatbot_conversations', 'conversions', 'notifications', 'web_form_submissions'], // the record of a conversion keeps its lead
  deal_id: ['chatbot_conversations', 'conversions', 'notifications', 'web_form_submissions'], // a submission (or chat) keeps what it made
  person_id: ['chatbot_conversations', 'person_channels', 'web_form_submissions'], // a person's own channels: rebuilt by the merge itself
  org_id: [],
  organization_id: ['chatbot_conversations', 'web_form_submissions'],
};

async function tablesWithColumn(column: string): Promise<string[]> {
  const { db } = await testDatabase();
  const res = await db.execute<{ table_name: string }>(
    sql`SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = ${column}`,
  );
  return (res as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name).sort();
}

const names = (tables: PgTable[]) => [...new Set(tables.map((t) => getTableName(t)))].sort();

describe('references registry', () => {
  it('lists every table that hangs on a lead (conversions move them all)', async () => {
    const withLead = (await tablesWithColumn('lead_id')).filter((t) => !NOT_LINKS.lead_id?.includes(t));
    expect(names(leadDealLinks.map((l) => l.table))).toEqual(withLead);
  });

  it('lists every column that points at a person or an organization (merges re-point them all)', async () => {
    const withPerson = (await tablesWithColumn('person_id')).filter((t) => !NOT_LINKS.person_id?.includes(t));
    expect(names(personReferences.map((r) => r.table))).toEqual(withPerson);
    const withOrg = [...(await tablesWithColumn('org_id')), ...(await tablesWithColumn('organization_id'))]
      .filter((t) => !NOT_LINKS.organization_id?.includes(t))
      .sort();
    expect(names(organizationReferences.map((r) => r.table))).toEqual([...new Set(withOrg)].sort());
  });
});
