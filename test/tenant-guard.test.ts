import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pipelines } from '../src/modules/pipelines/tables.ts';
import { testDatabase } from './helpers/db.ts';
import { TENANT_TABLES, unscopedTables } from './helpers/tenant-guard.ts';

describe('the tenant guard', () => {
  it('knows the tenant tables from the schema', () => {
    expect(TENANT_TABLES).toEqual(expect.arrayContaining(['leads', 'deals', 'persons', 'audit_events']));
    expect(TENANT_TABLES).not.toContain('users');
  });

  it('finds statements on tenant tables that name no company', () => {
    expect(unscopedTables('select "id" from "leads" where "leads"."id" = $1')).toEqual(['leads']);
    expect(unscopedTables('select * from persons p join "deals" on true')).toEqual(['persons', 'deals']);
    expect(unscopedTables('update "deals" set x = 1 where "deals"."company_id" = $1')).toEqual([]);
    expect(unscopedTables('select 1 from users where email = $1')).toEqual([]);
    // naming the column is not scoping: it must be compared
    expect(unscopedTables('select "id", "company_id" from "pipelines" where "pipelines"."id" = $1')).toEqual([
      'pipelines',
    ]);
    expect(unscopedTables('insert into "leads" ("id", "company_id") values ($1, $2)')).toEqual([]);
    expect(unscopedTables('insert into "leads" ("id") values ($1)')).toEqual(['leads']);
    expect(unscopedTables('select 1 from x join leads l on l.company_id = x.company_id')).toEqual([]);
  });

  it('stops a query of the server on a tenant table that forgets its company', async () => {
    const { db } = await testDatabase();
    await expect(db.select().from(pipelines).where(eq(pipelines.id, 1))).rejects.toThrow(
      /tenant table pipelines is not scoped to a company/,
    );
  });
});
