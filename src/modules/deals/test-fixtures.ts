import type { Db } from '../../db/client.ts';
import { organizations, persons } from '../contacts/tables.ts';

/**
 * Persons and organizations for the deals tests, inserted directly (test-only: the contacts API is
 * built separately).
 */
interface Owner {
  db: Db;
  companyId: number;
  userId: number;
}

interface ContactOpts {
  name?: string;
  ownerId?: number;
  visibleTo?: number;
  isDeleted?: boolean;
}

export async function insertPerson(t: Owner, o: ContactOpts = {}): Promise<number> {
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

export async function insertOrganization(t: Owner, o: ContactOpts = {}): Promise<number> {
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

interface Caller {
  get(
    path: string,
    query?: Record<string, string | number | boolean>,
  ): Promise<{ body: { data: { id: number }[] } }>;
}

/** The default pipeline and its stage ids in order. */
export async function stagesOf(t: Caller): Promise<{ pipeline: number; stages: number[] }> {
  const pipeline = (await t.get('/api/v2/pipelines')).body.data[0]!.id;
  const stages = (await t.get('/api/v2/stages', { pipeline_id: pipeline, sort_by: 'order_nr' })).body.data;
  return { pipeline, stages: stages.map((s) => s.id) };
}
