import { organizations, persons } from '../../src/modules/contacts/tables.ts';
import { deals } from '../../src/modules/deals/tables.ts';
import { leads } from '../../src/modules/leads/tables.ts';
import { getDefaultPipeline, getFirstStage } from '../../src/modules/pipelines/service.ts';
import type { Tenant } from './app.ts';

/**
 * Persons, organizations, deals and leads inserted straight into their tables, for tests that need a
 * record to link to without going through its module's API.
 */
export interface RecordOpts {
  /** name, or title for deals and leads */
  name?: string;
  ownerId?: number;
  visibleTo?: number;
  isDeleted?: boolean;
  /** deals and leads */
  isArchived?: boolean;
}

type Owner = Pick<Tenant, 'db' | 'companyId' | 'userId'>;

export async function insertPerson(t: Owner, o: RecordOpts = {}): Promise<number> {
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
  return row!.id;
}

export async function insertOrganization(t: Owner, o: RecordOpts = {}): Promise<number> {
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
  return row!.id;
}

export async function insertDeal(t: Owner & Pick<Tenant, 'ctx'>, o: RecordOpts = {}): Promise<number> {
  const stage = await getFirstStage(t.ctx, (await getDefaultPipeline(t.ctx)).id);
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: t.companyId,
      title: o.name ?? 'Big deal',
      ownerId: o.ownerId ?? t.userId,
      creatorUserId: t.userId,
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      currency: 'USD',
      origin: 'API',
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
      isArchived: o.isArchived ?? false,
    })
    .returning({ id: deals.id });
  return row!.id;
}

export async function insertLead(t: Owner, o: RecordOpts = {}): Promise<string> {
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
  return row!.id;
}
