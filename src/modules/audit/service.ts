import type { Ctx } from '../context.ts';
import { auditEvents, type FieldChange } from './tables.ts';

export type AuditAction = (typeof auditEvents.$inferInsert)['action'];

export interface AuditInput {
  itemType:
    | 'deal'
    | 'person'
    | 'organization'
    | 'lead'
    | 'lead_label'
    | 'pipeline'
    | 'stage'
    | 'user'
    | string;
  itemId: string | number;
  action: AuditAction;
  changes?: FieldChange[];
  isBulk?: boolean;
}

/** Writes the audit event of a change; call it inside the transaction that makes the change. */
export async function recordEvent(ctx: Ctx, input: AuditInput): Promise<void> {
  await recordEvents(ctx, [input]);
}

export async function recordEvents(ctx: Ctx, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await ctx.db.insert(auditEvents).values(
    inputs.map((input) => ({
      companyId: ctx.companyId,
      itemType: input.itemType,
      itemId: String(input.itemId),
      action: input.action,
      actorType: ctx.actor.type,
      actorUserId: ctx.actor.userId,
      changeSource: ctx.actor.source,
      userAgent: ctx.actor.userAgent ?? null,
      isBulk: input.isBulk ?? false,
      changes: input.changes ?? [],
    })),
  );
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
