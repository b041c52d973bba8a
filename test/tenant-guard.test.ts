import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deals } from '../src/modules/deals/tables.ts';
import { pipelines } from '../src/modules/pipelines/tables.ts';
import { testDatabase } from './helpers/db.ts';
import {
  SOFT_DELETE_TABLES,
  TENANT_TABLES,
  undecidedDeleted,
  undecidedVisibility,
  unscopedTables,
  VISIBILITY_TABLES,
} from './helpers/tenant-guard.ts';

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

describe('the live-rows and visibility rules of the guard', () => {
  it('knows which tables delete softly and which have an owner and visibility', () => {
    expect(SOFT_DELETE_TABLES).toEqual(
      expect.arrayContaining(['leads', 'deals', 'persons', 'activities', 'stages']),
    );
    expect(SOFT_DELETE_TABLES).not.toContain('notes');
    expect(VISIBILITY_TABLES.sort()).toEqual(['deals', 'leads', 'organizations', 'persons', 'products']);
  });

  it('finds reads of soft-deleted tables that say neither live rows nor deleted too', () => {
    const scopedDeals = '"deals"."company_id" = $1';
    expect(undecidedDeleted(`select "id" from "deals" where (${scopedDeals})`)).toEqual(['deals']);
    expect(
      undecidedDeleted(`select "id" from "deals" where (${scopedDeals} and "deals"."is_deleted" = false)`),
    ).toEqual([]);
    expect(
      undecidedDeleted(`select 1 from "deals" where ${scopedDeals} and true /* deleted too: deals */`),
    ).toEqual([]);
    // the marker names its table: another table's marker does not decide for this one
    expect(
      undecidedDeleted(`select 1 from "deals" where ${scopedDeals} and true /* deleted too: leads */`),
    ).toEqual(['deals']);
    // by alias, negated, or as a boolean term
    expect(
      undecidedDeleted('select 1 from deals d join persons p on p.id = d.person_id where not d.is_deleted'),
    ).toEqual(['persons']);
    expect(undecidedDeleted('SELECT id FROM "leads" WHERE "leads"."is_deleted" AND x')).toEqual([]);
    // selecting the column is not deciding
    expect(undecidedDeleted('select "is_deleted" from deals where company_id = $1')).toEqual(['deals']);
    // the target of a delete is named by id: not a read
    expect(undecidedDeleted('delete from "deals" where "deals"."company_id" = $1 and id = $2')).toEqual([]);
  });

  it('finds selects of owned tables that say nothing of visibility', () => {
    expect(undecidedVisibility('select 1 from "deals" where "deals"."company_id" = $1')).toEqual(['deals']);
    expect(undecidedVisibility('select 1 from deals where ("deals"."visible_to" <> 1 or x)')).toEqual([]);
    expect(undecidedVisibility('select 1 from deals where true /* all visible: deals */')).toEqual([]);
    // a locking select is still a select
    expect(undecidedVisibility('select 1 from "deals" where x for update skip locked')).toEqual(['deals']);
    // writes check visibility by the read before them
    expect(undecidedVisibility('update "deals" set "title" = $1 from "persons" where x')).toEqual([]);
    expect(
      undecidedVisibility('with d as (insert into "deals" (a) select a from "persons") select 1'),
    ).toEqual([]);
  });

  it('stops a query of the server that forgets live rows or visibility', async () => {
    const { db } = await testDatabase();
    await expect(db.select().from(deals).where(eq(deals.companyId, 1))).rejects.toThrow(
      /reads deals without saying live rows or deleted too/,
    );
    await expect(
      db
        .select()
        .from(deals)
        .where(and(eq(deals.companyId, 1), eq(deals.isDeleted, false))),
    ).rejects.toThrow(/select reads deals without saying what the caller may see/);
  });
});
