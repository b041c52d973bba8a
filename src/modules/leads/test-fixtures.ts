import type { Tenant } from '../../../test/helpers/app.ts';
import { organizations, persons } from '../contacts/tables.ts';

/**
 * Persons and organizations for lead tests, written straight into the contacts tables (the contacts
 * API is built elsewhere). Test code only.
 */
export async function addPerson(
  t: Pick<Tenant, 'db' | 'companyId' | 'userId'>,
  o: { name?: string; ownerId?: number; visibleTo?: number; isDeleted?: boolean } = {},
): Promise<number> {
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
  if (!row) throw new Error('person not inserted');
  return row.id;
}

export async function addOrganization(
  t: Pick<Tenant, 'db' | 'companyId' | 'userId'>,
  o: { name?: string; ownerId?: number; visibleTo?: number; isDeleted?: boolean } = {},
): Promise<number> {
  const [row] = await t.db
    .insert(organizations)
    .values({
      companyId: t.companyId,
      name: o.name ?? 'Acme Ltd',
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
      isDeleted: o.isDeleted ?? false,
    })
    .returning({ id: organizations.id });
  if (!row) throw new Error('organization not inserted');
  return row.id;
}
