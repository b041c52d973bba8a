import { and, desc, eq, sql } from 'drizzle-orm';
import { rfc3339 } from '../../http/formats.ts';
import { v1Page } from '../../http/query.ts';
import { auditEvents } from '../audit/tables.ts';
import { organizations, persons } from '../contacts/tables.ts';
import type { Ctx } from '../context.ts';
import { restorable } from '../leads/bulk.ts';
import { leads } from '../leads/tables.ts';
import { scoped } from '../scope.ts';
import { users } from '../users/tables.ts';

/** "Restore data": the caller's leads deleted in the last 30 days (converted ones are not listed). */

const deletedBy = sql<{ id: number; name: string } | null>`(
  SELECT json_build_object('id', u.id, 'name', u.name)
  FROM ${auditEvents} AS ae JOIN ${users} AS u ON u.id = ae.actor_user_id AND u.company_id = ae.company_id
  WHERE ae.company_id = ${leads.companyId} AND ae.item_type = 'lead' AND ae.item_id = ${leads.id}::text
    AND ae.action = 'delete'
  ORDER BY ae.id DESC LIMIT 1)`;

export async function listDeletedLeads(
  ctx: Ctx,
  q: { start?: number | undefined; limit?: number | undefined },
) {
  const page = v1Page(q);
  const rows = await ctx.db
    .select({
      id: leads.id,
      title: leads.title,
      personName: persons.name,
      organizationName: organizations.name,
      deleteTime: leads.deleteTime,
      deletedBy,
    })
    .from(leads)
    // the names the lead had: its contacts, deleted or not, seen or not
    .leftJoin(
      persons,
      and(scoped(ctx, persons, { deleted: 'too', visibility: 'any' }), eq(persons.id, leads.personId)),
    )
    .leftJoin(
      organizations,
      and(
        scoped(ctx, organizations, { deleted: 'too', visibility: 'any' }),
        eq(organizations.id, leads.organizationId),
      ),
    )
    .where(and(scoped(ctx, leads, { deleted: 'only' }), restorable()))
    .orderBy(desc(leads.deleteTime), desc(leads.id))
    .limit(page.limit + 1)
    .offset(page.start);
  const more = rows.length > page.limit;
  return {
    page,
    more,
    rows: (more ? rows.slice(0, page.limit) : rows).map((r) => ({
      id: r.id,
      title: r.title,
      person_name: r.personName,
      organization_name: r.organizationName,
      delete_time: rfc3339(r.deleteTime) as string,
      deleted_by: r.deletedBy ? { id: Number(r.deletedBy.id), name: r.deletedBy.name } : null,
    })),
  };
}
