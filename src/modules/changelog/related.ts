import { and, eq, sql } from 'drizzle-orm';
import { num } from '../../http/formats.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { scoped, visibleRows } from '../scope.ts';
import { users } from '../users/tables.ts';

/** The ids a page of the flow mentions, beside the deal itself. */
export interface RelatedIds {
  users: number[];
  persons: number[];
  orgs: number[];
}

const anyOf = (ids: Set<number>) => sql`${sql.param([...ids])}::bigint[]`;

const channels = (list: { value: string; primary: boolean; label: string }[]) =>
  list.map((c) => ({ label: c.label, value: c.value, primary: c.primary }));

/**
 * v1 `related_objects` of the flow (spec §3.1), one query per kind. Deleted persons and
 * organizations appear with `active_flag: false`; those the caller may not see are left out.
 */
export async function loadRelated(ctx: Ctx, dealId: number, ids: RelatedIds) {
  const [deal] = await ctx.db
    .select()
    .from(deals)
    .where(and(scoped(ctx, deals, { deleted: 'too', visibility: 'any' }), eq(deals.id, dealId))); // the flow's own deal: checked by the caller
  const userIds = new Set(ids.users);
  const personIds = new Set(ids.persons);
  const orgIds = new Set(ids.orgs);
  if (deal) {
    userIds.add(deal.ownerId);
    if (deal.personId !== null) personIds.add(deal.personId);
    if (deal.orgId !== null) orgIds.add(deal.orgId);
  }

  const userRows =
    userIds.size === 0
      ? []
      : await ctx.db
          .select({ id: users.id, name: users.name, email: users.email, activeFlag: users.activeFlag })
          .from(users)
          .where(and(eq(users.companyId, ctx.companyId), sql`${users.id} = ANY(${anyOf(userIds)})`));
  const personRows =
    personIds.size === 0
      ? []
      : await ctx.db
          .select()
          .from(persons)
          .where(
            and(scoped(ctx, persons, { deleted: 'too' }), sql`${persons.id} = ANY(${anyOf(personIds)})`),
          );
  const o = organizations;
  const orgRows =
    orgIds.size === 0
      ? []
      : await ctx.db
          .select({
            id: o.id,
            name: o.name,
            ownerId: o.ownerId,
            isDeleted: o.isDeleted,
            address: o.address,
            // persons_org_idx; a handful of organizations per page
            // Column references inside a select's sql are not table-qualified by Drizzle, so the
            // subquery names its tables itself (otherwise "org_id = id" compares persons to persons).
            peopleCount: sql<number>`(SELECT count(*)::int FROM persons p
              WHERE p.company_id = ${ctx.companyId} AND p.org_id = "organizations"."id" AND p.is_deleted = false
              AND ${visibleRows(ctx, persons, 'any')})`.mapWith(Number),
          })
          .from(o)
          .where(and(scoped(ctx, o, { deleted: 'too' }), sql`${o.id} = ANY(${anyOf(orgIds)})`));

  const byId = <T extends { id: number }, R>(rows: T[], f: (r: T) => R) =>
    Object.fromEntries(rows.map((r) => [String(r.id), f(r)]));
  return {
    user: byId(userRows, (u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      has_pic: 0,
      pic_hash: null,
      active_flag: u.activeFlag,
    })),
    deal: byId(deal ? [deal] : [], (d) => ({
      id: d.id,
      title: d.title,
      status: d.isDeleted ? 'deleted' : d.status,
      value: num(d.value),
      currency: d.currency,
      stage_id: d.stageId,
      pipeline_id: d.pipelineId,
    })),
    person: byId(personRows, (p) => ({
      active_flag: !p.isDeleted,
      id: p.id,
      name: p.name,
      email: channels(p.emails),
      phone: channels(p.phones),
      owner_id: p.ownerId,
    })),
    organization: byId(orgRows, (r) => ({
      active_flag: !r.isDeleted,
      id: r.id,
      name: r.name,
      people_count: r.peopleCount,
      owner_id: r.ownerId,
      address: r.address?.value ?? null,
      cc_email: null,
    })),
  };
}
