import type { Database } from '../../src/db/client.ts';
import { createCompanyWithAdmin } from '../../src/modules/users/company.ts';
import { type SeedCounts, seed } from '../lib/seed/crm.ts';

/** The benchmark company: requests carry its admin's API token. */
export interface Tenant {
  companyId: number;
  userId: number;
  token: string;
}

/** Pool size of each server on PostgreSQL (app and ceiling alike). */
export const POOL_SIZE = 10;

/** Migrates, creates the benchmark company with its admin and API token, and seeds it. */
export async function prepareCompany(db: Database, counts: SeedCounts) {
  await db.migrate();
  const created = await createCompanyWithAdmin(db.db, {
    companyName: 'Bench Co',
    adminName: 'Bench Admin',
    email: `bench-${process.pid}-${Date.now()}@example.com`,
  });
  const tenant: Tenant = { companyId: created.company.id, userId: created.user.id, token: created.apiToken };
  const result = await seed(db.db, tenant.companyId, tenant.userId, counts);
  return { tenant, seed: result };
}
