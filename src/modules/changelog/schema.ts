import { z } from 'zod';
import { qBool, qCsv, v1Paging, v2Paging } from '../../http/query.ts';
import { cursorPage, offsetPage } from '../../http/responses.ts';
import { Activity } from '../activities/schema.ts';
import { File } from '../files/schema.ts';
import { Invoice } from '../invoices/schema.ts';
import { Note } from '../notes/schema.ts';

// ---------------------------------------------------------------- changelog (v1, cursor list)

export const ChangelogQuery = z.object({ ...v2Paging });
export type ChangelogInput = z.output<typeof ChangelogQuery>;

/**
 * One changed field of a deal, person or organization (spec §6.8). Values are strings as Pipedrive
 * shows them; the creation of the record is the entry `add_time` with the creation time as new value.
 */
export const ChangelogEntry = z
  .object({
    field_key: z.string(),
    old_value: z.string().nullable(),
    new_value: z.string().nullable(),
    actor_user_id: z.number().int().nullable(),
    time: z.string(),
    change_source: z.string().nullable(),
    change_source_user_agent: z.string().nullable(),
    is_bulk_update_flag: z.boolean(),
  })
  .meta({ id: 'ChangelogEntry' });

export const ChangelogResponse = cursorPage(ChangelogEntry);

// ---------------------------------------------------------------- deal flow (v1, offset list)

export const FlowQuery = z.object({
  ...v1Paging,
  /** `1` includes custom-field changes */
  all_changes: qBool.optional(),
  /** CSV of object kinds; unknown names are ignored */
  items: qCsv.optional(),
});
export type FlowInput = z.output<typeof FlowQuery>;

export const DealChange = z
  .object({
    id: z.number().int(),
    item_id: z.number().int(),
    user_id: z.number().int().nullable(),
    field_key: z.string(),
    old_value: z.string().nullable(),
    new_value: z.string().nullable(),
    is_bulk_update_flag: z.boolean(),
    log_time: z.string(),
    change_source: z.string().nullable(),
    change_source_user_agent: z.string().nullable(),
    additional_data: z.object({}),
  })
  .meta({ id: 'DealChange' });

/** A document's moment on the deal's timeline: made, viewed through a share link, or accepted. */
export const DocumentFlowEvent = z
  .object({
    id: z.number().int().describe("the document's id"),
    title: z.string(),
    event: z.enum(['created', 'viewed', 'accepted']),
    user_id: z.number().int().nullable().describe('who made it (created)'),
    accepted_name: z.string().nullable().describe('the name typed when accepting (accepted)'),
  })
  .meta({ id: 'DocumentFlowEvent' });

export const FlowItem = z
  .discriminatedUnion('object', [
    z.object({ object: z.literal('dealChange'), timestamp: z.string(), data: DealChange }),
    z.object({ object: z.literal('note'), timestamp: z.string(), data: Note }),
    z.object({ object: z.literal('activity'), timestamp: z.string(), data: Activity }),
    z.object({ object: z.literal('invoice'), timestamp: z.string(), data: Invoice }),
    z.object({ object: z.literal('document'), timestamp: z.string(), data: DocumentFlowEvent }),
    z.object({ object: z.literal('file'), timestamp: z.string(), data: File }),
  ])
  .meta({ id: 'DealFlowItem' });

const RelatedUser = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  has_pic: z.number().int(),
  pic_hash: z.string().nullable(),
  active_flag: z.boolean(),
});

const RelatedDeal = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.string(),
  value: z.number().nullable(),
  currency: z.string(),
  stage_id: z.number().int(),
  pipeline_id: z.number().int(),
});

const Channel = z.object({ label: z.string(), value: z.string(), primary: z.boolean() });

const RelatedPerson = z.object({
  active_flag: z.boolean(),
  id: z.number().int(),
  name: z.string(),
  email: z.array(Channel),
  phone: z.array(Channel),
  owner_id: z.number().int(),
});

const RelatedOrganization = z.object({
  active_flag: z.boolean(),
  id: z.number().int(),
  name: z.string(),
  people_count: z.number().int(),
  owner_id: z.number().int(),
  address: z.string().nullable(),
  cc_email: z.string().nullable(),
});

/** v1 `related_objects`: maps keyed by entity type, then by the id as a string (spec §3.1). */
export const RelatedObjects = z.object({
  user: z.record(z.string(), RelatedUser),
  deal: z.record(z.string(), RelatedDeal),
  person: z.record(z.string(), RelatedPerson),
  organization: z.record(z.string(), RelatedOrganization),
});

export const FlowResponse = offsetPage(FlowItem).extend({ related_objects: RelatedObjects });

// ---------------------------------------------------------------- deal timeline (ext, offset list)

/** The parts of the deal's timeline; the web app's filter. */
export const TIMELINE_KINDS = ['change', 'file', 'document', 'invoice'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

export const TimelineQuery = z.object({
  ...v1Paging,
  /** CSV of kinds (change, file, document, invoice); all of them by default */
  kinds: z
    .string()
    .regex(/^\s*(change|file|document|invoice)\s*(,\s*(change|file|document|invoice)\s*)*$/, {
      message: 'expected a comma-separated list of change, file, document, invoice',
    })
    .transform((v) => [...new Set(v.split(',').map((s) => s.trim() as TimelineKind))])
    .optional(),
});
export type TimelineInput = z.output<typeof TimelineQuery>;

export const TimelineItem = z
  .object({
    /** stable for one moment of the timeline */
    id: z.string(),
    kind: z.enum(TIMELINE_KINDS),
    /**
     * change: created (the deal was added) or changed; file: uploaded or deleted; document: created,
     * viewed (through a share link) or accepted; invoice: created, sent, paid, void, or pdf (its PDF
     * stored as a file of the deal — such files show only here, not as uploads)
     */
    event: z.enum([
      'created',
      'changed',
      'uploaded',
      'deleted',
      'viewed',
      'accepted',
      'sent',
      'paid',
      'void',
      'pdf',
    ]),
    time: z.string().describe('RFC 3339, UTC'),
    actor: z.object({
      /** user: a user (or their API token); visitor: someone with a share link; system: anything else */
      type: z.enum(['user', 'visitor', 'system']),
      user_id: z.number().int().nullable(),
      name: z.string().nullable().describe("the user's name; for an acceptance the name the visitor typed"),
      source: z.string().nullable().describe('change_source of the audit event (app, api, …)'),
    }),
    change: z
      .object({
        /** the audit event it belongs to: fields changed together share it */
        event_id: z.number().int(),
        field_key: z.string(),
        old_value: z.string().nullable(),
        new_value: z.string().nullable(),
      })
      .nullable(),
    file: z
      .object({
        id: z.number().int(),
        name: z.string(),
        mime: z.string(),
        file_size: z.number().int(),
        /** deleted files have no link */
        active: z.boolean(),
        previewable: z.boolean(),
      })
      .nullable(),
    document: z.object({ id: z.number().int(), title: z.string() }).nullable(),
    invoice: z
      .object({
        id: z.number().int(),
        kind: z.enum(['invoice', 'credit_note']),
        number: z.string().nullable(),
        status: z.enum(['draft', 'sent', 'paid', 'void']),
        total: z.number(),
        currency: z.string(),
        /** for event pdf: the file the PDF was stored as */
        file_id: z.number().int().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'TimelineItem' });

export const TimelineResponse = offsetPage(TimelineItem);
