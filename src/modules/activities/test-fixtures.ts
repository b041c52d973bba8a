import { eq } from 'drizzle-orm';
import type { Tenant } from '../../../test/helpers/app.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';

// Records to link to are inserted directly (test/helpers/records.ts).
export { insertDeal, insertLead, insertOrganization, insertPerson } from '../../../test/helpers/records.ts';

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
