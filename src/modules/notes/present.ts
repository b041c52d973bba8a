import { sqlTime } from '../../http/formats.ts';
import type { noteComments, notes } from './tables.ts';

export type NoteRow = typeof notes.$inferSelect;
export type CommentRow = typeof noteComments.$inferSelect;

/** The names a note shows beside its links, loaded set-based for a page of notes (see names.ts). */
export interface NoteRefs {
  users: Map<number, { name: string; email: string }>;
  deals: Map<number, string>;
  persons: Map<number, string>;
  organizations: Map<number, string>;
}

const named = <K extends string>(key: K, id: number | null, names: Map<number, string>) => {
  if (id === null) return null;
  const value = names.get(id);
  return value === undefined ? null : ({ [key]: value } as Record<K, string>);
};

/** v1 note (spec §11). `callerId` decides `user.is_you`. */
export function presentNote(n: NoteRow, refs: NoteRefs, callerId: number) {
  const author = refs.users.get(n.userId);
  return {
    id: n.id,
    user_id: n.userId,
    content: n.content,
    active_flag: n.activeFlag,
    add_time: sqlTime(n.addTime) as string,
    update_time: sqlTime(n.updateTime) as string,
    last_update_user_id: n.lastUpdateUserId,
    lead_id: n.leadId,
    deal_id: n.dealId,
    person_id: n.personId,
    org_id: n.orgId,
    project_id: n.projectId,
    task_id: n.taskId,
    pinned_to_lead_flag: n.pinnedToLeadFlag,
    pinned_to_deal_flag: n.pinnedToDealFlag,
    pinned_to_organization_flag: n.pinnedToOrganizationFlag,
    pinned_to_person_flag: n.pinnedToPersonFlag,
    pinned_to_project_flag: n.pinnedToProjectFlag,
    pinned_to_task_flag: n.pinnedToTaskFlag,
    deal: named('title', n.dealId, refs.deals),
    organization: named('name', n.orgId, refs.organizations),
    person: named('name', n.personId, refs.persons),
    // projects and tasks have no module yet
    project: null,
    task: null,
    user: {
      email: author?.email ?? '',
      icon_url: null,
      is_you: n.userId === callerId,
      name: author?.name ?? '',
    },
  };
}

/** Comment on a note (spec §11). */
export function presentComment(c: CommentRow) {
  return {
    uuid: c.id,
    active_flag: c.activeFlag,
    add_time: sqlTime(c.addTime) as string,
    update_time: sqlTime(c.updateTime) as string,
    content: c.content,
    object_id: String(c.noteId),
    object_type: 'note' as const,
    user_id: c.userId,
    updater_id: c.updaterId,
    company_id: c.companyId,
  };
}
