import type { Tenant } from '../../../test/helpers/app.ts';
import type { Address } from '../contacts/tables.ts';
import { organizations, personChannels, persons } from '../contacts/tables.ts';
import { deals } from '../deals/tables.ts';
import { leads } from '../leads/tables.ts';
import { notes } from '../notes/tables.ts';
import { getDefaultPipeline, getFirstStage } from '../pipelines/service.ts';

/**
 * Test rows for the search tests, written straight into the tables (the CRUD APIs belong to other
 * modules). Used by the *.test.ts files of this folder only.
 */

interface Owned {
  ownerId?: number;
  visibleTo?: 1 | 3 | 5 | 7;
  isDeleted?: boolean;
  customFields?: Record<string, unknown>;
}

const channel = (value: string, primary: boolean) => ({ value, primary, label: 'work' });

/** `+46 70 123 45 67` → `+46701234567`; other forms → their digits. */
export const phoneNormalized = (value: string) =>
  value.trim().startsWith('+') ? `+${value.replace(/\D/g, '')}` : value.replace(/\D/g, '');

export async function addPerson(
  t: Tenant,
  p: Owned & { name: string; orgId?: number; emails?: string[]; phones?: string[]; notes?: string },
): Promise<number> {
  const emails = p.emails ?? [];
  const phones = p.phones ?? [];
  const [row] = await t.db
    .insert(persons)
    .values({
      companyId: t.companyId,
      name: p.name,
      ownerId: p.ownerId ?? t.userId,
      visibleTo: p.visibleTo ?? 3,
      orgId: p.orgId ?? null,
      emails: emails.map((e, i) => channel(e, i === 0)),
      phones: phones.map((e, i) => channel(e, i === 0)),
      notes: p.notes ?? null,
      customFields: p.customFields ?? {},
      isDeleted: p.isDeleted ?? false,
      deleteTime: p.isDeleted ? new Date() : null,
    })
    .returning({ id: persons.id });
  const id = row!.id;
  const rows = [
    ...emails.map((value) => ({ kind: 'email' as const, value, normalized: value.trim().toLowerCase() })),
    ...phones.map((value) => ({ kind: 'phone' as const, value, normalized: phoneNormalized(value) })),
  ];
  if (rows.length > 0) {
    await t.db
      .insert(personChannels)
      .values(rows.map((r) => ({ ...r, companyId: t.companyId, personId: id })));
  }
  return id;
}

export async function addOrganization(
  t: Tenant,
  o: Owned & { name: string; address?: string },
): Promise<number> {
  const address: Address | null = o.address
    ? {
        value: o.address,
        country: null,
        admin_area_level_1: null,
        admin_area_level_2: null,
        locality: null,
        sublocality: null,
        route: null,
        street_number: null,
        subpremise: null,
        postal_code: null,
      }
    : null;
  const [row] = await t.db
    .insert(organizations)
    .values({
      companyId: t.companyId,
      name: o.name,
      ownerId: o.ownerId ?? t.userId,
      visibleTo: o.visibleTo ?? 3,
      address,
      customFields: o.customFields ?? {},
      isDeleted: o.isDeleted ?? false,
    })
    .returning({ id: organizations.id });
  return row!.id;
}

export async function addDeal(
  t: Tenant,
  d: Owned & {
    title: string;
    personId?: number;
    orgId?: number;
    status?: 'open' | 'won' | 'lost';
    value?: number;
    isArchived?: boolean;
  },
): Promise<{ id: number; stageId: number; stageName: string }> {
  const stage = await getFirstStage(t.ctx, (await getDefaultPipeline(t.ctx)).id);
  const [row] = await t.db
    .insert(deals)
    .values({
      companyId: t.companyId,
      title: d.title,
      ownerId: d.ownerId ?? t.userId,
      creatorUserId: t.userId,
      personId: d.personId ?? null,
      orgId: d.orgId ?? null,
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      value: String(d.value ?? 0),
      currency: 'EUR',
      status: d.status ?? 'open',
      visibleTo: d.visibleTo ?? 3,
      origin: 'API',
      isArchived: d.isArchived ?? false,
      customFields: d.customFields ?? {},
      isDeleted: d.isDeleted ?? false,
    })
    .returning({ id: deals.id });
  return { id: row!.id, stageId: stage.id, stageName: stage.name };
}

export async function addLead(
  t: Tenant,
  l: Owned & {
    title: string;
    personId?: number;
    orgId?: number;
    value?: number;
    isArchived?: boolean;
    wasSeen?: boolean;
  },
): Promise<string> {
  const [row] = await t.db
    .insert(leads)
    .values({
      companyId: t.companyId,
      title: l.title,
      ownerId: l.ownerId ?? t.userId,
      creatorId: t.userId,
      personId: l.personId ?? null,
      organizationId: l.orgId ?? null,
      sourceName: 'API',
      origin: 'API',
      valueAmount: l.value === undefined ? null : String(l.value),
      valueCurrency: l.value === undefined ? null : 'EUR',
      visibleTo: l.visibleTo ?? 3,
      isArchived: l.isArchived ?? false,
      wasSeen: l.wasSeen ?? false,
      customFields: l.customFields ?? {},
      isDeleted: l.isDeleted ?? false,
    })
    .returning({ id: leads.id });
  return row!.id;
}

export async function addNote(
  t: Tenant,
  n: {
    content: string;
    dealId?: number;
    leadId?: string;
    personId?: number;
    orgId?: number;
    active?: boolean;
  },
): Promise<void> {
  await t.db.insert(notes).values({
    companyId: t.companyId,
    userId: t.userId,
    content: n.content,
    dealId: n.dealId ?? null,
    leadId: n.leadId ?? null,
    personId: n.personId ?? null,
    orgId: n.orgId ?? null,
    activeFlag: n.active ?? true,
  });
}
