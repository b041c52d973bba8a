import type { FieldEntity } from './types.ts';

/** Every entity whose fields are listed: the four a company defines fields of, and the read-only ones. */
export type ListedEntity = FieldEntity | 'lead' | 'activity' | 'note' | 'project';

export interface SystemOption {
  id: number | string;
  label: string;
}

/**
 * A built-in field, as Pipedrive lists it: `key` is its v1 key (and v2 `field_code` unless `code`
 * says otherwise), ids are 1.. in list order (custom fields start at 10000). Built-in fields are
 * neither renamed nor deleted (`edit_flag: false`).
 */
export interface SystemField {
  id: number;
  key: string;
  /** the v2 `field_code`, where v2 names the field otherwise (`user_id` → `owner_id`) */
  code?: string;
  name: string;
  fieldType: string;
  /** required on the record: shown in the add dialog, always (add_visible_flag cannot be turned off) */
  mandatory: boolean;
  options?: SystemOption[];
  /** v2 answers it only when asked for with include_fields */
  optional?: boolean;
}

type Spec = [key: string, name: string, fieldType: string, extra?: Partial<Omit<SystemField, 'id'>>];

const VISIBLE_TO: SystemOption[] = [
  { id: '1', label: 'Owner & followers' },
  { id: '3', label: 'Entire company' },
  { id: '5', label: 'Owner\u2019s visibility group' },
  { id: '7', label: 'Owner\u2019s visibility group and sub-groups' },
];

const DEAL_STATUS: SystemOption[] = [
  { id: 'open', label: 'Open' },
  { id: 'won', label: 'Won' },
  { id: 'lost', label: 'Lost' },
  { id: 'deleted', label: 'Deleted' },
];

const required = { mandatory: true } as const;

const DEAL: Spec[] = [
  ['id', 'ID', 'int'],
  ['title', 'Title', 'varchar', required],
  ['creator_user_id', 'Creator', 'user'],
  ['user_id', 'Owner', 'user', { code: 'owner_id' }],
  ['value', 'Value', 'monetary'],
  ['currency', 'Currency', 'varchar_options'],
  ['weighted_value', 'Weighted value', 'monetary', { optional: true }],
  ['probability', 'Probability', 'double', required],
  ['org_id', 'Organization', 'org'],
  ['pipeline', 'Pipeline', 'pipeline', { ...required, code: 'pipeline_id' }],
  ['person_id', 'Contact person', 'people'],
  ['stage_id', 'Stage', 'stage', required],
  ['status', 'Status', 'status', { options: DEAL_STATUS }],
  ['add_time', 'Deal created', 'date'],
  ['update_time', 'Update time', 'date'],
  ['stage_change_time', 'Last stage change', 'date'],
  ['next_activity_date', 'Next activity date', 'date', { optional: true }],
  ['last_activity_date', 'Last activity date', 'date', { optional: true }],
  ['won_time', 'Won time', 'date'],
  ['lost_time', 'Lost time', 'date'],
  ['close_time', 'Deal closed on', 'date'],
  ['first_won_time', 'First won time', 'date', { optional: true }],
  ['lost_reason', 'Lost reason', 'varchar'],
  ['visible_to', 'Visible to', 'visible_to', { options: VISIBLE_TO }],
  ['expected_close_date', 'Expected close date', 'date'],
  ['label', 'Label', 'set', { code: 'label_ids' }],
  ['origin', 'Source origin', 'varchar'],
  ['origin_id', 'Source origin ID', 'varchar'],
  ['channel', 'Source channel', 'int'],
  ['channel_id', 'Source channel ID', 'varchar'],
  ['is_archived', 'Archived', 'boolean'],
  ['archive_time', 'Archive time', 'date'],
  ['activities_count', 'Total activities', 'int', { optional: true }],
  ['done_activities_count', 'Done activities', 'int', { optional: true }],
  ['undone_activities_count', 'Activities to do', 'int', { optional: true }],
  ['email_messages_count', 'Email messages count', 'int', { optional: true }],
  ['products_count', 'Number of products', 'int', { optional: true }],
];

const PERSON: Spec[] = [
  ['id', 'ID', 'int'],
  ['name', 'Name', 'varchar', required],
  ['first_name', 'First name', 'varchar'],
  ['last_name', 'Last name', 'varchar'],
  ['owner_id', 'Owner', 'user'],
  ['org_id', 'Organization', 'org', required],
  ['email', 'Email', 'varchar', { code: 'emails' }],
  ['phone', 'Phone', 'phone', { code: 'phones' }],
  ['label', 'Labels', 'set', { code: 'label_ids' }],
  ['visible_to', 'Visible to', 'visible_to', { options: VISIBLE_TO }],
  ['picture_id', 'Profile picture', 'picture'],
  ['add_time', 'Person created', 'date'],
  ['update_time', 'Update time', 'date'],
  ['open_deals_count', 'Open deals', 'int', { optional: true }],
  ['closed_deals_count', 'Closed deals', 'int', { optional: true }],
  ['won_deals_count', 'Won deals', 'int', { optional: true }],
  ['lost_deals_count', 'Lost deals', 'int', { optional: true }],
  ['activities_count', 'Total activities', 'int', { optional: true }],
  ['next_activity_date', 'Next activity date', 'date', { optional: true }],
  ['last_activity_date', 'Last activity date', 'date', { optional: true }],
];

const ORGANIZATION: Spec[] = [
  ['id', 'ID', 'int'],
  ['name', 'Name', 'varchar', required],
  ['owner_id', 'Owner', 'user'],
  ['address', 'Address', 'address'],
  ['label', 'Labels', 'set', { code: 'label_ids' }],
  ['visible_to', 'Visible to', 'visible_to', { options: VISIBLE_TO }],
  ['website', 'Website', 'varchar'],
  ['linkedin', 'LinkedIn profile', 'varchar'],
  ['industry', 'Industry', 'varchar'],
  ['annual_revenue', 'Annual revenue', 'double'],
  ['employee_count', 'Number of employees', 'int'],
  ['add_time', 'Organization created', 'date'],
  ['update_time', 'Update time', 'date'],
  ['people_count', 'People', 'int', { optional: true }],
  ['open_deals_count', 'Open deals', 'int', { optional: true }],
  ['closed_deals_count', 'Closed deals', 'int', { optional: true }],
  ['activities_count', 'Total activities', 'int', { optional: true }],
  ['next_activity_date', 'Next activity date', 'date', { optional: true }],
  ['last_activity_date', 'Last activity date', 'date', { optional: true }],
];

const PRODUCT: Spec[] = [
  ['id', 'ID', 'int'],
  ['name', 'Name', 'varchar', required],
  ['code', 'Product code', 'varchar'],
  ['description', 'Description', 'text'],
  ['unit', 'Unit', 'varchar'],
  ['tax', 'Tax', 'double'],
  ['category', 'Category', 'enum'],
  ['owner_id', 'Owner', 'user'],
  ['is_linkable', 'Selectable', 'boolean', { code: 'is_linkable' }],
  ['visible_to', 'Visible to', 'visible_to', { options: VISIBLE_TO }],
  ['prices', 'Price', 'price_list'],
  ['billing_frequency', 'Billing frequency', 'billing_frequency'],
  ['add_time', 'Product created', 'date'],
  ['update_time', 'Update time', 'date'],
];

const LEAD: Spec[] = [
  ['title', 'Title', 'varchar', required],
  ['owner_id', 'Owner', 'user'],
  ['creator_id', 'Creator', 'user'],
  ['label_ids', 'Labels', 'set'],
  ['person_id', 'Contact person', 'people'],
  ['organization_id', 'Organization', 'org'],
  ['value', 'Value', 'monetary'],
  ['expected_close_date', 'Expected close date', 'date'],
  ['source_name', 'Source', 'varchar'],
  ['origin', 'Source origin', 'varchar'],
  ['channel', 'Source channel', 'int'],
  ['visible_to', 'Visible to', 'visible_to', { options: VISIBLE_TO }],
  ['was_seen', 'Seen', 'boolean'],
  ['is_archived', 'Archived', 'boolean'],
  ['next_activity_id', 'Next activity', 'activity'],
  ['add_time', 'Lead created', 'date'],
  ['update_time', 'Update time', 'date'],
];

const ACTIVITY: Spec[] = [
  ['subject', 'Subject', 'varchar', required],
  ['type', 'Type', 'varchar_options', required],
  ['user_id', 'Assigned to user', 'user', { code: 'owner_id' }],
  ['deal_id', 'Deal', 'deal'],
  ['lead_id', 'Lead', 'lead'],
  ['person_id', 'Contact person', 'people'],
  ['org_id', 'Organization', 'org'],
  ['project_id', 'Project', 'project'],
  ['due_date', 'Due date', 'date'],
  ['due_time', 'Due time', 'time'],
  ['duration', 'Duration', 'time'],
  ['busy_flag', 'Free/busy', 'boolean', { code: 'busy' }],
  ['done', 'Done', 'boolean'],
  ['location', 'Location', 'address'],
  ['public_description', 'Description', 'text'],
  ['note', 'Note', 'text'],
  ['priority', 'Priority', 'enum'],
  ['add_time', 'Add time', 'date'],
  ['update_time', 'Update time', 'date'],
  ['marked_as_done_time', 'Marked as done time', 'date'],
];

const NOTE: Spec[] = [
  ['content', 'Content', 'text', required],
  ['user_id', 'Author', 'user'],
  ['deal_id', 'Deal', 'deal'],
  ['lead_id', 'Lead', 'lead'],
  ['person_id', 'Person', 'people'],
  ['org_id', 'Organization', 'org'],
  ['project_id', 'Project', 'project'],
  ['pinned_to_deal_flag', 'Pinned to deal', 'boolean'],
  ['pinned_to_lead_flag', 'Pinned to lead', 'boolean'],
  ['pinned_to_person_flag', 'Pinned to person', 'boolean'],
  ['pinned_to_organization_flag', 'Pinned to organization', 'boolean'],
  ['pinned_to_project_flag', 'Pinned to project', 'boolean'],
  ['add_time', 'Add time', 'date'],
  ['update_time', 'Update time', 'date'],
];

const PROJECT_STATUS: SystemOption[] = [
  { id: 'open', label: 'Open' },
  { id: 'completed', label: 'Completed' },
  { id: 'canceled', label: 'Canceled' },
];

/** The labels a project can carry (`label_ids`): fixed until project labels can be edited. */
const PROJECT_LABELS: SystemOption[] = [
  { id: 1, label: 'Urgent' },
  { id: 2, label: 'On hold' },
  { id: 3, label: 'Blocked' },
  { id: 4, label: 'Customer waiting' },
];

const PROJECT: Spec[] = [
  ['id', 'ID', 'int'],
  ['title', 'Title', 'varchar', required],
  ['description', 'Description', 'text'],
  ['status', 'Status', 'status', { options: PROJECT_STATUS }],
  ['board_id', 'Board', 'projects_board', required],
  ['phase_id', 'Phase', 'projects_phase', required],
  ['owner_id', 'Owner', 'user'],
  ['start_date', 'Start date', 'date'],
  ['end_date', 'End date', 'date'],
  ['deal_ids', 'Deals', 'deals'],
  ['person_ids', 'Contact person', 'people'],
  ['org_ids', 'Organization', 'org'],
  ['labels', 'Labels', 'set', { code: 'label_ids', options: PROJECT_LABELS }],
  ['health_status', 'Health', 'int'],
  ['add_time', 'Project created', 'date'],
  ['update_time', 'Update time', 'date'],
  ['status_change_time', 'Status change time', 'date'],
  ['archive_time', 'Archive time', 'date'],
];

const build = (specs: Spec[]): readonly SystemField[] =>
  Object.freeze(
    specs.map(([key, name, fieldType, extra], i) =>
      Object.freeze({ id: i + 1, key, name, fieldType, mandatory: false, ...extra }),
    ),
  );

/** The built-in fields of each entity, in Pipedrive's list order. */
export const SYSTEM_FIELDS: Readonly<Record<ListedEntity, readonly SystemField[]>> = Object.freeze({
  deal: build(DEAL),
  person: build(PERSON),
  organization: build(ORGANIZATION),
  product: build(PRODUCT),
  lead: build(LEAD),
  activity: build(ACTIVITY),
  note: build(NOTE),
  project: build(PROJECT),
});

/** The v2 `field_code` of a built-in field. */
export const codeOf = (f: SystemField): string => f.code ?? f.key;

/** A built-in field by its v2 field_code or v1 key, or by its v1 id. */
export function systemField(entity: ListedEntity, codeOrId: string | number): SystemField | undefined {
  const fields = SYSTEM_FIELDS[entity];
  if (typeof codeOrId === 'number') return fields.find((f) => f.id === codeOrId);
  return fields.find((f) => codeOf(f) === codeOrId) ?? fields.find((f) => f.key === codeOrId);
}
