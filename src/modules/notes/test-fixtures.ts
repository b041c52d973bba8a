import type { Tenant } from '../../../test/helpers/app.ts';
import { organizations, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { getDefaultPipeline, getFirstStage } from '../pipelines/service.ts';

/**
 * Leads, deals, persons and organizations for the notes tests, inserted directly (test-only: those
 * modules' APIs are built separately).
 */
interface Opts {
  name?: string;
  ownerId?: number;
  visibleTo?: number;
  isDeleted?: boolean;
  isArchived?: boolean;
}

export async function insertPerson(t: Tenant, o: Opts = {}): Promise<number> {
  const [row] = await t.db
    .insert(persons)
    .values({
      companyId: t.companyId,
      name: o.name ?? 'Pat Person',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
    })
    .returning({ id: persons.id });
  return row?.id as number;
}

export async function insertOrganization(t: Tenant, o: Opts = {}): Promise<number> {
  const [row] = await t.db
    .insert(organizations)
    .values({
      companyId: t.companyId,
      name: o.name ?? 'Orgo Ltd',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
    })
    .returning({ id: organizations.id });
  return row?.id as number;
}

export async function insertDeal(t: Tenant, o: Opts = {}): Promise<number> {
  const pipeline = await getDefaultPipeline(t.ctx);
  const stage = await getFirstStage(t.ctx, pipeline.id);
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: t.companyId,
      title: o.name ?? 'Big deal',
      ownerId: o.ownerId ?? t.userId,
      creatorUserId: t.userId,
      pipelineId: pipeline.id,
      stageId: stage.id,
      currency: 'USD',
      origin: 'API',
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
      isArchived: o.isArchived ?? false,
    })
    .returning({ id: deals.id });
  return row?.id as number;
}

export async function insertLead(t: Tenant, o: Opts = {}): Promise<string> {
  const [row] = await t.db
    .insert(leads)
    .values({
      companyId: t.companyId,
      title: o.name ?? 'Warm lead',
      ownerId: o.ownerId ?? t.userId,
      creatorId: t.userId,
      sourceName: 'API',
      origin: 'API',
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
      isArchived: o.isArchived ?? false,
    })
    .returning({ id: leads.id });
  return row?.id as string;
}
