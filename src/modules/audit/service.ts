import { type AnyColumn, type SQL, sql, type WithSubquery } from 'drizzle-orm';
import { insertSelect } from '../../db/insert-select.ts';
import type { StatementCtx, TxCtx } from '../context.ts';
import { auditEvents, type FieldChange } from './tables.ts';

export type AuditAction = (typeof auditEvents.$inferInsert)['action'];

const CRUD = ['create', 'change', 'delete'] as const;

/**
 * Every kind of record that has audit events, and the actions it can have. A new domain adds its
 * entity here; an event of an unknown kind or an action its kind does not have does not compile.
 */
export const AUDITED = {
  lead: [...CRUD, 'restore', 'convert'],
  deal: [...CRUD, 'restore', 'convert'],
  person: [...CRUD, 'merge'],
  organization: [...CRUD, 'merge'],
  lead_label: CRUD,
  pipeline: CRUD,
  stage: CRUD,
  activity: CRUD,
  activity_type: CRUD,
  note: CRUD,
  file: CRUD,
  comment: CRUD,
  user: CRUD,
  field: CRUD,
  product: CRUD,
  product_variation: CRUD,
  /** a user followed (create) or stopped following (delete) a product; item id = the product's */
  product_follower: CRUD,
  /** a product's image uploaded (create), replaced (change) or removed (delete); item id = the product's */
  product_image: CRUD,
  /** a user followed (create) or stopped following (delete) a deal, person or organization; item id = the item's */
  deal_follower: CRUD,
  person_follower: CRUD,
  organization_follower: CRUD,
  /** a person added to (create) or removed from (delete) a deal; item id = the deal's */
  deal_participant: CRUD,
  deal_product: CRUD,
  deal_discount: CRUD,
  deal_installment: CRUD,
  /** an invoice or credit note: made (create), issued, paid or voided (change) */
  invoice: ['create', 'change'],
  invoice_settings: ['change'],
  /** a project; archiving is a change of archive_time */
  project: CRUD,
  project_board: CRUD,
  project_phase: CRUD,
  project_task: CRUD,
  project_template: CRUD,
  document_template: CRUD,
  /** a document of a deal: made (create), a new version, a PDF, a share link, viewed or accepted (change) */
  document: CRUD,
  web_form: CRUD,
  /** a visitor's accepted submission: the owner's notice (item id = the submission's) */
  web_form_submission: CRUD,
  chatbot: CRUD,
  /** a conversation that made a lead or deal (create; item id = the conversation's) */
  chatbot_conversation: CRUD,
  /** two persons or two organizations said not to be duplicates (item id = the dismissal's) */
  duplicate_dismissal: ['create'],
} as const satisfies Record<string, readonly AuditAction[]>;

export type AuditedType = keyof typeof AUDITED;

/** An event's kind and action: a typed union per entity. */
export type AuditEventKind = {
  [K in AuditedType]: { itemType: K; action: (typeof AUDITED)[K][number] };
}[AuditedType];

export type AuditInput = AuditEventKind & {
  itemId: string | number;
  changes?: FieldChange[];
  isBulk?: boolean;
};

/** Writes the audit event of a change; call it inside the transaction that makes the change. */
export async function recordEvent(ctx: TxCtx, input: AuditInput): Promise<void> {
  await recordEvents(ctx, [input]);
}

/**
 * Writes many events in ONE statement whatever their number: the columns that differ per event travel
 * as one array each (unnest), the actor's as single values, so that a bulk change of thousands of
 * records costs one short statement instead of one bound parameter per column per event.
 */
export async function recordEvents(ctx: TxCtx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { actor } = ctx;
  await ctx.db.execute(sql`
    INSERT INTO ${auditEvents} (company_id, item_type, item_id, action, actor_type, actor_user_id,
      change_source, user_agent, is_bulk, changes)
    SELECT ${ctx.companyId}::bigint, e.item_type, e.item_id, e.action, ${actor.type}::text,
      ${actor.userId}::bigint, ${actor.source}::text, ${actor.userAgent ?? null}::text, e.is_bulk,
      e.changes::jsonb
    FROM unnest(${sql.param(inputs.map((i) => i.itemType))}::text[],
                ${sql.param(inputs.map((i) => String(i.itemId)))}::text[],
                ${sql.param(inputs.map((i) => i.action))}::text[],
                ${sql.param(inputs.map((i) => i.isBulk ?? false))}::boolean[],
                ${sql.param(inputs.map((i) => JSON.stringify(i.changes ?? [])))}::text[])
      WITH ORDINALITY AS e(item_type, item_id, action, is_bulk, changes, ord)
    ORDER BY e.ord`);
}

/** What a set-based write's events are made of: the event's own fields, SQL over the write's rows. */
export type EventsOf = AuditEventKind & {
  isBulk?: boolean;
  /** the item's id, over the write's rows */
  itemId: AnyColumn | SQL;
  /** the changes: the same for every row, or SQL over the write's rows */
  changes?: FieldChange[] | SQL;
};

/**
 * The INSERT of one event per row of a set-based write, for a CTE of that write's own statement
 * (`WITH w AS (UPDATE … RETURNING …), e AS (${eventsFrom(…)}) SELECT … FROM w`): the change and its
 * events are written together or not at all, without a transaction of their own, and nothing travels
 * back and forth per row. `from` is the FROM clause over the write's rows (with any ORDER BY).
 * Prepared statements pass a ctx of placeholders.
 */
export function eventsFrom(ctx: StatementCtx, input: EventsOf & { from: SQL }): SQL {
  return insertSelect(
    auditEvents,
    {
      companyId: ctx.companyId,
      itemType: input.itemType,
      itemId: sql`(${input.itemId})::text`,
      action: input.action,
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId,
      changeSource: ctx.actor.source,
      userAgent: ctx.actor.userAgent ?? null,
      isBulk: input.isBulk ?? false,
      changes: input.changes ?? [],
    },
    sql` from ${input.from}`,
  );
}

/** eventsFrom as a Drizzle CTE over `source` (`ctx.db.with(source, event)`). */
export function auditInsertFrom(ctx: StatementCtx, alias: string, source: WithSubquery, input: EventsOf) {
  return ctx.db.$with(alias, {}).as(eventsFrom(ctx, { ...input, from: sql`${source}` }));
}

function comparable(v: unknown): string {
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v ?? null);
}

/**
 * Field-level differences between two presented records (API field names), for the changelog.
 * Only the keys listed are compared.
 */
export function diffFields<T extends Record<string, unknown>>(
  before: T,
  after: T,
  keys: readonly (keyof T & string)[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const key of keys) {
    if (comparable(before[key]) !== comparable(after[key])) {
      out.push({ field_key: key, old_value: before[key] ?? null, new_value: after[key] ?? null });
    }
  }
  return out;
}
