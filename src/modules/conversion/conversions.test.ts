import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { newTenant, type Tenant } from '../../../test/helpers/app.ts';
import { type ConversionOutcome, saveConversions, startConversion } from './conversions.ts';
import { conversions } from './tables.ts';

const rowsOf = (t: Tenant) =>
  t.db
    .select()
    .from(conversions)
    .where(eq(conversions.companyId, t.companyId))
    .then((rows) => new Map(rows.map((r) => [r.id, r])));

describe('saveConversions (the status rows of many conversions in one statement)', () => {
  it('inserts many rows as given, errors with any characters included', async () => {
    const t = await newTenant();
    const awkward = [
      'Failed query: insert into "notes" (…) values ($1, $2), {a,b} \\ back\\slash',
      "it's NULL",
      'NULL',
      '',
      'ünïcødé 🚀, "quoted", {braces}',
      'x'.repeat(500),
    ];
    const outcomes: ConversionOutcome[] = Array.from({ length: 130 }, (_, n) => ({
      id: randomUUID(),
      direction: n % 2 ? 'lead_to_deal' : 'deal_to_lead',
      status: n % 3 === 0 ? 'completed' : n % 3 === 1 ? 'rejected' : 'failed',
      leadId: n % 5 === 0 ? null : randomUUID(),
      dealId: n % 4 === 0 ? null : 1_000_000 + n,
      error: n % 3 === 0 ? null : (awkward[n % awkward.length] as string),
      jobId: n % 2 ? 42 : null,
    }));
    await saveConversions(t.ctx, outcomes);

    const rows = await rowsOf(t);
    expect(rows.size).toBe(outcomes.length);
    for (const o of outcomes) {
      expect(rows.get(o.id)).toMatchObject({
        companyId: t.companyId,
        direction: o.direction,
        status: o.status,
        leadId: o.leadId,
        dealId: o.dealId,
        error: o.error,
        jobId: o.jobId,
        userId: t.userId,
      });
    }
  });

  it('updates a conversion written as running, keeping when it started', async () => {
    const t = await newTenant();
    const leadId = randomUUID();
    const id = await startConversion(t.ctx, { direction: 'lead_to_deal', leadId });
    const [started] = await t.db.select().from(conversions).where(eq(conversions.id, id));
    await saveConversions(t.ctx, [
      { id, direction: 'lead_to_deal', status: 'completed', leadId, dealId: 7, error: null },
    ]);
    const [row] = await t.db.select().from(conversions).where(eq(conversions.id, id));
    expect(row).toMatchObject({ status: 'completed', dealId: 7, leadId, error: null });
    expect(row?.addTime).toEqual(started?.addTime);
  });

  it("never touches another company's conversion with the same id", async () => {
    const a = await newTenant();
    const b = await newTenant();
    const leadId = randomUUID();
    const id = await startConversion(a.ctx, { direction: 'lead_to_deal', leadId });
    await saveConversions(b.ctx, [
      { id, direction: 'lead_to_deal', status: 'failed', leadId: randomUUID(), dealId: 9, error: 'x' },
    ]);
    const [row] = await a.db
      .select()
      .from(conversions)
      .where(and(eq(conversions.id, id), eq(conversions.companyId, a.companyId)));
    expect(row).toMatchObject({ status: 'running', leadId, dealId: null, error: null });
    expect((await rowsOf(b)).size).toBe(0);
  });

  it('writes nothing for no outcomes', async () => {
    const t = await newTenant();
    await saveConversions(t.ctx, []);
    expect((await rowsOf(t)).size).toBe(0);
  });
});
