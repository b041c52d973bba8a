import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeDeal } from '../../test/factories/index.ts';
import { newTenant } from '../../test/helpers/app.ts';
import { deals } from './deals/tables.ts';
import { scoped } from './scope.ts';

describe('scoped(): the rows of a tenant table a statement may reach', () => {
  it('is the company, live rows and what the caller sees unless the scope says otherwise', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const member = await t.addUser();
    const memberCtx = { ...t.ctx, user: { id: member.id, isAdmin: false } };
    const shared = await makeDeal(t, { title: 'shared', visible_to: 3 });
    const hidden = await makeDeal(t, { title: 'hidden', visible_to: 1 });
    const deleted = await makeDeal(t, { title: 'deleted', is_deleted: true });
    const elsewhere = await makeDeal(other, { title: 'elsewhere' });
    const titles = async (ctx: typeof t.ctx, where: ReturnType<typeof scoped>) =>
      (await ctx.db.select({ title: deals.title }).from(deals).where(where)).map((r) => r.title).sort();

    expect(await titles(memberCtx, scoped(memberCtx, deals))).toEqual(['shared']);
    expect(await titles(t.ctx, scoped(t.ctx, deals))).toEqual(['hidden', 'shared']);
    expect(await titles(memberCtx, scoped(memberCtx, deals, { visibility: 'any' }))).toEqual([
      'hidden',
      'shared',
    ]);
    expect(await titles(memberCtx, scoped(memberCtx, deals, { deleted: 'too' }))).toEqual([
      'deleted',
      'shared',
    ]);
    expect(await titles(t.ctx, scoped(t.ctx, deals, { deleted: 'only' }))).toEqual(['deleted']);
    // never another company's row, whatever the scope
    const wide = scoped(t.ctx, deals, { deleted: 'too', visibility: 'any' });
    expect(await titles(t.ctx, and(wide, eq(deals.id, elsewhere.id)) as never)).toEqual([]);
    expect([shared.id, hidden.id, deleted.id]).toHaveLength(3);
  });

  it('leaves a marker for every widening, which the tenant guard reads', async () => {
    const t = await newTenant();
    const text = (where: ReturnType<typeof scoped>) => t.ctx.db.select().from(deals).where(where).toSQL().sql;
    // an admin's scope reaches every row: said in the statement, not left out
    expect(text(scoped(t.ctx, deals))).toContain('/* all visible: deals */');
    expect(text(scoped(t.ctx, deals, { deleted: 'too' }))).toContain('/* deleted too: deals */');
    const member = { ...t.ctx, user: { id: 1, isAdmin: false } };
    expect(text(scoped(member, deals))).toMatch(/"visible_to" <> 1/);
    expect(text(scoped(member, deals))).toMatch(/"is_deleted" = false/);
  });
});
