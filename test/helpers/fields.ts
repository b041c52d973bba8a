import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { fieldDefinitions, fieldOptions } from '../../src/modules/fields/tables.ts';
import type { Tenant } from './app.ts';

/** The fields routes' tests: a company's field and option rows as stored, and a v2 add that must succeed. */

export async function fieldRows(t: Tenant) {
  return t.db.select().from(fieldDefinitions).where(eq(fieldDefinitions.companyId, t.companyId));
}

export async function optionRows(t: Tenant) {
  return t.db.select().from(fieldOptions).where(eq(fieldOptions.companyId, t.companyId));
}

export async function v2Add(t: Tenant, entity: string, body: Record<string, unknown>) {
  const res = await t.post(`/api/v2/${entity}Fields`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data as { field_code: string; options: { id: number; label: string }[] | null };
}
