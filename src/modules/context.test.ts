import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { newTenant, testApp } from '../../test/helpers/app.ts';
import { recordEvent } from './audit/service.ts';
import { addPerson } from './contacts/persons.ts';
import { persons } from './contacts/tables.ts';
import { type Ctx, inTx, isTx } from './context.ts';

beforeAll(() => testApp());

describe('transactions held by the type', () => {
  it('a write that records an event does not compile outside a transaction', () => {
    const outside = (ctx: Ctx) =>
      // @ts-expect-error recordEvent takes a TxCtx: only inTx makes one
      recordEvent(ctx, { itemType: 'person', itemId: '1', action: 'add' });
    expect(outside).toBeTypeOf('function');
  });

  it('a use case opens its own transaction, and joins one already open', async () => {
    const t = await newTenant();
    expect(isTx(t.ctx)).toBe(false);
    const name = `Rolled back ${Date.now()}`;
    await expect(
      inTx(t.ctx, async (tx) => {
        expect(isTx(tx)).toBe(true);
        // addPerson writes the person and its event; inside inTx it joins, so both roll back
        await addPerson(tx, { name });
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const left = await t.db
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.companyId, t.companyId), eq(persons.name, name)));
    expect(left).toEqual([]);
    // on its own it commits
    const kept = await addPerson(t.ctx, { name });
    expect(kept.name).toBe(name);
  });
});
