import type { Placeholder } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/** Who is acting: written into every audit event. */
export interface Actor {
  type: 'user' | 'api_token' | 'web_form' | 'chatbot' | 'import' | 'automation' | 'system' | 'visitor';
  userId: number | null;
  /** Pipedrive's change_source: app, api, … */
  source: 'app' | 'api' | 'webform' | 'chatbot' | 'import' | 'automation' | 'system' | 'share_link';
  userAgent?: string | null;
}

/** The caller's view of the company: every query is scoped by it. */
export interface Ctx {
  db: Db;
  companyId: number;
  user: { id: number; isAdmin: boolean };
  actor: Actor;
  /** True inside inTx: db is then the transaction. */
  readonly inTransaction?: boolean;
}

/**
 * A ctx inside one open transaction. Functions that write take it, so a write outside a transaction
 * does not compile; exported use cases take a Ctx and open or join their transaction with inTx.
 */
export interface TxCtx extends Ctx {
  readonly inTransaction: true;
}

export const isTx = (ctx: Ctx): ctx is TxCtx => ctx.inTransaction === true;

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

/** Runs one use case in one transaction. Nested calls join the open transaction. */
export async function inTx<T>(ctx: Ctx, fn: (ctx: TxCtx) => Promise<T>): Promise<T> {
  if (isTx(ctx)) return fn(ctx);
  // Drizzle's transaction handle answers every query the database handle does.
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db, inTransaction: true }));
}
