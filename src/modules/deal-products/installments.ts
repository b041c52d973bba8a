import { and, eq, sql } from 'drizzle-orm';
import { type Keyset, keysetAfter, keysetOrder, pageOf } from '../../http/pagination.ts';
import { recordEvent } from '../audit/service.ts';
import { type Ctx, inTx, type TxCtx } from '../context.ts';
import { deals } from '../deals/tables.ts';
import { AppError, invalid } from '../errors.ts';
import { scoped } from '../scope.ts';
import { linesOf } from './derive.ts';
import { type InstallmentRow, presentInstallment } from './present.ts';
import type { ListInstallmentsQueryT, UpdateInstallmentBodyT } from './schema.ts';
import { changeableDeal } from './service.ts';
import { dealInstallments } from './tables.ts';

type InstallmentInput = Required<Pick<UpdateInstallmentBodyT, 'description' | 'amount' | 'billing_date'>>;

/** Installments need at least one enabled one-time product and no recurring one (behaviour §3.9). */
async function assertInstallable(ctx: TxCtx, dealId: number): Promise<void> {
  const lines = await linesOf(ctx, dealId);
  if (lines.some((l) => l.billingFrequency !== 'one-time')) {
    throw invalid('id', 'a deal with recurring products cannot have installments');
  }
  if (!lines.some((l) => l.isEnabled && l.billingFrequency === 'one-time')) {
    throw invalid('id', 'installments need at least one enabled one-time product on the deal');
  }
}

const changesOf = (before: InstallmentRow | null, after: InstallmentRow | null) => {
  const b = before ? presentInstallment(before) : null;
  const a = after ? presentInstallment(after) : null;
  return (['description', 'amount', 'billing_date'] as const)
    .filter((k) => b?.[k] !== a?.[k])
    .map((k) => ({ field_key: k, old_value: b?.[k] ?? null, new_value: a?.[k] ?? null }));
};

/** GET /deals/installments?deal_ids=…: the installments of the deals the caller sees. */
export async function listInstallments(ctx: Ctx, q: ListInstallmentsQueryT) {
  const sortBy = q.sort_by ?? 'id';
  const limit = q.limit ?? 100;
  const column = {
    id: dealInstallments.id,
    deal_id: dealInstallments.dealId,
    billing_date: dealInstallments.billingDate,
  }[sortBy];
  const k: Keyset = {
    column,
    id: dealInstallments.id,
    direction: q.sort_direction ?? 'asc',
    kind: sortBy === 'billing_date' ? 'text' : 'number',
  };
  const rows = await ctx.db
    .select()
    .from(dealInstallments)
    .where(
      and(
        scoped(ctx, dealInstallments),
        sql`${dealInstallments.dealId} IN (SELECT ${deals.id} FROM ${deals} WHERE ${scoped(ctx, deals)}
          AND ${deals.id} = ANY(${sql.param([...new Set(q.deal_ids)])}::bigint[]))`,
        keysetAfter(k, q.cursor),
      ),
    )
    .orderBy(...keysetOrder(k))
    .limit(limit + 1);
  return pageOf(rows, limit, (r) => ({
    v: sortBy === 'billing_date' ? r.billingDate : sortBy === 'deal_id' ? r.dealId : r.id,
    id: r.id,
  }));
}

export async function addInstallment(
  ctx: Ctx,
  dealId: number,
  input: InstallmentInput,
): Promise<InstallmentRow> {
  return inTx(ctx, async (ctx) => {
    await changeableDeal(ctx, dealId);
    await assertInstallable(ctx, dealId);
    const [row] = await ctx.db
      .insert(dealInstallments)
      .values({
        companyId: ctx.companyId,
        dealId,
        description: input.description,
        amount: String(input.amount),
        billingDate: input.billing_date,
      })
      .returning();
    if (!row) throw new AppError('internal', 'installment not created');
    await recordEvent(ctx, {
      itemType: 'deal_installment',
      itemId: row.id,
      action: 'create',
      changes: changesOf(null, row),
    });
    return row;
  });
}

async function installmentRow(ctx: Ctx, dealId: number, id: number): Promise<InstallmentRow> {
  const [row] = await ctx.db
    .select()
    .from(dealInstallments)
    .where(
      and(scoped(ctx, dealInstallments), eq(dealInstallments.dealId, dealId), eq(dealInstallments.id, id)),
    );
  if (!row) throw new AppError('not_found', 'Installment not found', 'installment_id');
  return row;
}

export async function updateInstallment(
  ctx: Ctx,
  dealId: number,
  id: number,
  input: UpdateInstallmentBodyT,
): Promise<InstallmentRow> {
  return inTx(ctx, async (ctx) => {
    await changeableDeal(ctx, dealId);
    const before = await installmentRow(ctx, dealId, id);
    const [row] = await ctx.db
      .update(dealInstallments)
      .set({
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.amount !== undefined ? { amount: String(input.amount) } : {}),
        ...(input.billing_date !== undefined ? { billingDate: input.billing_date } : {}),
        updateTime: new Date(),
      })
      .where(and(eq(dealInstallments.companyId, ctx.companyId), eq(dealInstallments.id, id)))
      .returning();
    if (!row) throw new AppError('not_found', 'Installment not found', 'installment_id');
    await recordEvent(ctx, {
      itemType: 'deal_installment',
      itemId: id,
      action: 'change',
      changes: changesOf(before, row),
    });
    return row;
  });
}

export async function deleteInstallment(ctx: Ctx, dealId: number, id: number): Promise<void> {
  return inTx(ctx, async (ctx) => {
    await changeableDeal(ctx, dealId);
    const before = await installmentRow(ctx, dealId, id);
    await ctx.db
      .delete(dealInstallments)
      .where(and(eq(dealInstallments.companyId, ctx.companyId), eq(dealInstallments.id, id)));
    await recordEvent(ctx, {
      itemType: 'deal_installment',
      itemId: id,
      action: 'delete',
      changes: changesOf(before, null),
    });
  });
}
