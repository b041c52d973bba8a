import type { Placeholder } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Who is acting: written into every audit event. */
export interface Actor {
  type: 'user' | 'api_token' | 'web_form' | 'chatbot' | 'import' | 'automation' | 'system';
  userId: number | null;
  /** Pipedrive's change_source: app, api, … */
  source: 'app' | 'api' | 'webform' | 'chatbot' | 'import' | 'automation' | 'system';
  userAgent?: string | null;
}

/** The caller's view of the company: every query is scoped by it. */
export interface Ctx {
  db: Db;
  companyId: number;
  user: { id: number; isAdmin: boolean };
  actor: Actor;
}

/** A value a statement is built with: known, or a placeholder of a prepared statement. */
export type Bindable<T> = T | Placeholder;

/**
 * What statement builders read of a ctx. A request's Ctx is one; a prepared statement is built from
 * one whose values are placeholders (placeholderCtx in src/db/prepared.ts).
 */
export interface StatementCtx {
  db: Db;
  companyId: Bindable<number>;
  user: { id: Bindable<number>; isAdmin: boolean };
  actor: { [K in keyof Actor]: Bindable<Actor[K]> };
}

/** Runs one use case in one transaction. Nested calls reuse the open transaction. */
export async function inTx<T>(ctx: Ctx, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  if ((ctx as Ctx & { inTx?: boolean }).inTx) return fn(ctx);
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, inTx: true } as Ctx));
}
