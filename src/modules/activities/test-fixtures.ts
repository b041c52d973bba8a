import { eq } from 'drizzle-orm';
import type { Tenant } from '../../../test/helpers/app.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { getDefaultPipeline, getFirstStage } from '../pipelines/service.ts';

/**
 * Leads, deals, persons and organizations for the activities tests, inserted directly (test-only:
 * those modules' APIs are built separately).
 */
interface Opts {
  ownerId?: number;
  visibleTo?: number;
}

export async function insertLead(t: Tenant, o: Opts = {}): Promise<string> {
  const [row] = await t.db
    .insert(leads)
    .values({
      companyId: t.companyId,
      title: 'A lead',
      ownerId: o.ownerId ?? t.userId,
      creatorId: t.userId,
      sourceName: 'API',
      origin: 'API',
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: leads.id });
  return row!.id;
}

export async function insertDeal(t: Tenant, o: Opts = {}): Promise<number> {
  const pipeline = await getDefaultPipeline(t.ctx);
  const stage = await getFirstStage(t.ctx, pipeline.id);
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: t.companyId,
      title: 'A deal',
      ownerId: o.ownerId ?? t.userId,
      creatorUserId: t.userId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      currency: 'USD',
      origin: 'API',
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: deals.id });
  return row!.id;
}

export async function insertPerson(t: Tenant, o: Opts = {}): Promise<number> {
  const [row] = await t.db
    .insert(persons)
    .values({
      companyId: t.companyId,
      name: 'Pat Person',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: persons.id });
  return row!.id;
}

export async function insertOrganization(t: Tenant, o: Opts = {}): Promise<number> {
  const [row] = await t.db
    .insert(organizations)
    .values({
      companyId: t.companyId,
      name: 'Orgo Ltd',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
    })
    .returning({ id: organizations.id });
  return row!.id;
}

export async function leadPointer(t: Tenant, id: string): Promise<number | null> {
  const [row] = await t.db.select({ next: leads.nextActivityId }).from(leads).where(eq(leads.id, id));
  return row!.next;
}

export async function dealPointers(
  t: Tenant,
  id: number,
): Promise<{ next: number | null; last: number | null }> {
  const [row] = await t.db
    .select({ next: deals.nextActivityId, last: deals.lastActivityId })
    .from(deals)
    .where(eq(deals.id, id));
  return row!;
}
