import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import {
  addOrganization,
  deleteOrganization,
  type OrganizationRow,
} from '../../src/modules/contacts/organizations.ts';
import { AddOrganizationBody } from '../../src/modules/contacts/schema.ts';
import { organizations } from '../../src/modules/contacts/tables.ts';
import type { Maker } from './tenant.ts';

/** The body of POST /api/v2/organizations; `deleted` deletes it afterwards. */
export type OrganizationOverrides = Partial<z.input<typeof AddOrganizationBody>> & { deleted?: boolean };

/** An organization written by `addOrganization`. */
export async function makeOrganization(t: Maker, o: OrganizationOverrides = {}): Promise<OrganizationRow> {
  const { deleted, ...body } = o;
  const row = await addOrganization(t.ctx, AddOrganizationBody.parse({ name: 'Orgo Ltd', ...body }));
  if (!deleted) return row;
  await deleteOrganization(t.ctx, row.id);
  const [after] = await t.db.select().from(organizations).where(eq(organizations.id, row.id));
  return after!;
}
