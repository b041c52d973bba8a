import type { Tenant } from '../../../test/helpers/app.ts';
import { type ActivityAttendee, type ActivityParticipant, activities } from '../activities/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { getDefaultPipeline, getFirstStage } from '../pipelines/service.ts';

/**
 * Test-only helpers for the duplicates and merge tests: contacts through the v2 API, the rows that
 * point at them inserted directly.
 */
export async function person(
  t: Pick<Tenant, 'post'>,
  body: { name: string } & Record<string, unknown>,
): Promise<number> {
  const res = await t.post('/api/v2/persons', body);
  if (res.status !== 200) throw new Error(`person not added: ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

export async function organization(
  t: Pick<Tenant, 'post'>,
  body: { name: string } & Record<string, unknown>,
): Promise<number> {
  const res = await t.post('/api/v2/organizations', body);
  if (res.status !== 200) throw new Error(`organization not added: ${JSON.stringify(res.body)}`);
  return res.body.data.id;
}

export interface Links {
  personId?: number | null;
  orgId?: number | null;
}

export async function insertDeal(
  t: Tenant,
  links: Links & { status?: 'open' | 'won' | 'lost'; isDeleted?: boolean } = {},
): Promise<number> {
  const pipeline = await getDefaultPipeline(t.ctx);
  const stage = await getFirstStage(t.ctx, pipeline.id);
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: t.companyId,
      title: 'A deal',
      ownerId: t.userId,
      creatorUserId: t.userId,
      personId: links.personId ?? null,
      orgId: links.orgId ?? null,
      pipelineId: pipeline.id,
      stageId: stage.id,
      currency: 'USD',
      origin: 'API',
      status: links.status ?? 'open',
      isDeleted: links.isDeleted ?? false,
    })
    .returning({ id: deals.id });
  return row!.id;
}

export async function insertLead(t: Tenant, links: Links = {}): Promise<string> {
  const [row] = await t.db
    .insert(leads)
    .values({
      companyId: t.companyId,
      title: 'A lead',
      ownerId: t.userId,
      creatorId: t.userId,
      personId: links.personId ?? null,
      organizationId: links.orgId ?? null,
      sourceName: 'API',
      origin: 'API',
    })
    .returning({ id: leads.id });
  return row!.id;
}

export async function insertActivity(
  t: Tenant,
  links: Links & {
    participants?: ActivityParticipant[];
    attendees?: ActivityAttendee[];
    done?: boolean;
    dueDate?: string;
  } = {},
): Promise<number> {
  const [row] = await t.db
    .insert(activities)
    .values({
      companyId: t.companyId,
      subject: 'Call',
      type: 'call',
      ownerId: t.userId,
      creatorUserId: t.userId,
      personId: links.personId ?? null,
      orgId: links.orgId ?? null,
      participants: links.participants ?? [],
      attendees: links.attendees ?? [],
      done: links.done ?? false,
      dueDate: links.dueDate ?? null,
    })
    .returning({ id: activities.id });
  return row!.id;
}

export async function insertNote(t: Tenant, links: Links = {}): Promise<number> {
  const [row] = await t.db
    .insert(notes)
    .values({
      companyId: t.companyId,
      userId: t.userId,
      content: 'A note',
      personId: links.personId ?? null,
      orgId: links.orgId ?? null,
    })
    .returning({ id: notes.id });
  return row!.id;
}
