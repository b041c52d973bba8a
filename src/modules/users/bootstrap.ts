import type { Db } from '../../db/client.ts';
import { AppError } from '../errors.ts';
import { countUsers, setUpFirstCompany } from './company.ts';

export interface AdminSeed {
  email: string;
  password: string;
  apiToken?: string | undefined;
  name?: string | undefined;
  companyName?: string | undefined;
}

/**
 * On an empty database, creates the first company and its admin from ADMIN_EMAIL/ADMIN_PASSWORD.
 * Returns what it did, for the start-up log.
 */
export async function ensureFirstAdmin(
  db: Db,
  seed: AdminSeed | undefined,
): Promise<'exists' | 'created' | 'missing'> {
  if ((await countUsers(db)) > 0) return 'exists';
  if (!seed) return 'missing';
  try {
    await setUpFirstCompany(db, {
      companyName: seed.companyName ?? 'My company',
      adminName: seed.name ?? seed.email.split('@')[0] ?? 'Admin',
      email: seed.email,
      password: seed.password,
      apiToken: seed.apiToken,
    });
  } catch (e) {
    // Another node (or a browser) set up the database meanwhile.
    if (e instanceof AppError && e.code === 'conflict') return 'exists';
    throw e;
  }
  return 'created';
}
