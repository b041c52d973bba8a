import type { AnyColumn } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { activities } from './activities/tables.ts';
import type { AuditedType } from './audit/service.ts';
import { persons } from './contacts/tables.ts';
import { deals } from './deals/tables.ts';
import { files } from './files/tables.ts';
import { organizationFollowers, personFollowers } from './followers/tables.ts';
import { leads } from './leads/tables.ts';
import { notes } from './notes/tables.ts';
import { dealParticipants } from './participants/tables.ts';
import { projectDeals, projects } from './projects/tables.ts';

/**
 * Every column that points at a lead, deal, person or organization, declared once. Conversions move
 * what hangs on a lead to its deal (and back) and merges re-point what hangs on a person or an
 * organization by walking this list, in set-based statements. A table that gains such a column must
 * be listed here: test/references.test.ts compares this list with the database.
 */
export interface Reference {
  table: PgTable;
  /** the audit events of the table's rows: a re-pointed row gets a 'change' event of this kind */
  itemType: AuditedType;
  companyId: AnyColumn;
  column: AnyColumn;
  updateTime?: AnyColumn;
  /**
   * The rows exist only for the item they point at (participants, followers): a purge deletes them
   * instead of clearing the column, and a merge first drops the merged item's rows that would repeat
   * one of the survivor's (same values in `unique`).
   */
  belongs?: { unique: AnyColumn[] };
}

/** Rows that move from a lead to the deal made from it, and back (notes, activities, files). */
export const leadDealLinks: {
  itemType: AuditedType;
  lead: AnyColumn;
  deal: AnyColumn;
  table: PgTable;
  companyId: AnyColumn;
  updateTime: AnyColumn;
  /** a pin on the lead becomes a pin on the deal (and back) */
  pins?: { lead: AnyColumn; deal: AnyColumn };
}[] = [
  {
    table: notes,
    itemType: 'note',
    companyId: notes.companyId,
    lead: notes.leadId,
    deal: notes.dealId,
    updateTime: notes.updateTime,
    pins: { lead: notes.pinnedToLeadFlag, deal: notes.pinnedToDealFlag },
  },
  {
    table: activities,
    itemType: 'activity',
    companyId: activities.companyId,
    lead: activities.leadId,
    deal: activities.dealId,
    updateTime: activities.updateTime,
  },
  {
    table: files,
    itemType: 'file',
    companyId: files.companyId,
    lead: files.leadId,
    deal: files.dealId,
    updateTime: files.updateTime,
  },
];

/**
 * Rows that point at a deal and never at a lead (a lead cannot be linked to a project, behaviour
 * §3.10): a purge of the deal deletes the `belongs` rows; conversion leaves them alone.
 */
export const dealOnlyReferences: Reference[] = [
  {
    table: projectDeals,
    itemType: 'project',
    companyId: projectDeals.companyId,
    column: projectDeals.dealId,
    belongs: { unique: [projectDeals.projectId] },
  },
];

/**
 * Columns that point at a person: a merge re-points them to the surviving person. (Persons inside
 * jsonb lists, such as activity participants, are re-pointed by the merge itself.)
 */
export const personReferences: Reference[] = [
  {
    table: leads,
    itemType: 'lead',
    companyId: leads.companyId,
    column: leads.personId,
    updateTime: leads.updateTime,
  },
  {
    table: deals,
    itemType: 'deal',
    companyId: deals.companyId,
    column: deals.personId,
    updateTime: deals.updateTime,
  },
  {
    table: activities,
    itemType: 'activity',
    companyId: activities.companyId,
    column: activities.personId,
    updateTime: activities.updateTime,
  },
  {
    table: notes,
    itemType: 'note',
    companyId: notes.companyId,
    column: notes.personId,
    updateTime: notes.updateTime,
  },
  {
    table: files,
    itemType: 'file',
    companyId: files.companyId,
    column: files.personId,
    updateTime: files.updateTime,
  },
  {
    table: dealParticipants,
    itemType: 'deal_participant',
    companyId: dealParticipants.companyId,
    column: dealParticipants.personId,
    belongs: { unique: [dealParticipants.dealId, dealParticipants.activeFlag] },
  },
  {
    table: personFollowers,
    itemType: 'person_follower',
    companyId: personFollowers.companyId,
    column: personFollowers.personId,
    belongs: { unique: [personFollowers.userId] },
  },
  {
    table: projects,
    itemType: 'project',
    companyId: projects.companyId,
    column: projects.personId,
    updateTime: projects.updateTime,
  },
];

/** Columns that point at an organization. */
export const organizationReferences: Reference[] = [
  {
    table: persons,
    itemType: 'person',
    companyId: persons.companyId,
    column: persons.orgId,
    updateTime: persons.updateTime,
  },
  {
    table: leads,
    itemType: 'lead',
    companyId: leads.companyId,
    column: leads.organizationId,
    updateTime: leads.updateTime,
  },
  {
    table: deals,
    itemType: 'deal',
    companyId: deals.companyId,
    column: deals.orgId,
    updateTime: deals.updateTime,
  },
  {
    table: activities,
    itemType: 'activity',
    companyId: activities.companyId,
    column: activities.orgId,
    updateTime: activities.updateTime,
  },
  {
    table: notes,
    itemType: 'note',
    companyId: notes.companyId,
    column: notes.orgId,
    updateTime: notes.updateTime,
  },
  {
    table: files,
    itemType: 'file',
    companyId: files.companyId,
    column: files.orgId,
    updateTime: files.updateTime,
  },
  {
    table: organizationFollowers,
    itemType: 'organization_follower',
    companyId: organizationFollowers.companyId,
    column: organizationFollowers.orgId,
    belongs: { unique: [organizationFollowers.userId] },
  },
  {
    table: projects,
    itemType: 'project',
    companyId: projects.companyId,
    column: projects.orgId,
    updateTime: projects.updateTime,
  },
];
