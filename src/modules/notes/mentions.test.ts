import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal } from '../../../test/factories/index.ts';
import { newTenant, type Tenant, testApp } from '../../../test/helpers/app.ts';
import { listNotifications } from '../notifications/service.ts';
import { notifications } from '../notifications/tables.ts';
import { users } from '../users/tables.ts';
import { mentionedUserIds } from './mentions.ts';
import { mentions } from './tables.ts';

const at = (id: number, name = 'X') => `<span data-mention-user-id="${id}">@${name}</span>`;

async function notificationsOf(t: Tenant, userId: number) {
  return t.db
    .select()
    .from(notifications)
    .where(and(eq(notifications.companyId, t.companyId), eq(notifications.userId, userId)))
    .orderBy(notifications.id);
}

describe('@mentions in notes and comments', () => {
  // the worker's app and database start once (slow on a busy machine): not inside a test's timeout
  beforeAll(() => testApp().then(() => undefined));

  it('stores mentions of active users and notifies the newly mentioned once', async () => {
    const t = await newTenant();
    const u = await t.addUser({ name: 'Ann' });
    const v = await t.addUser({ name: 'Bo' });
    const gone = await t.addUser();
    await t.db.update(users).set({ activeFlag: false }).where(eq(users.id, gone.id));
    const stranger = await newTenant();
    const dealId = (await makeDeal(t)).id;

    const added = await t.post('/api/v1/notes', {
      deal_id: dealId,
      content: `<p>Hi ${at(u.id, 'Ann')}, ${at(stranger.userId)} ${at(gone.id)} ${at(t.userId, 'me')} ${at(999_999_999)}</p>`,
    });
    expect(added.status).toBe(201);
    const noteId = added.body.data.id;
    // mentions of non-users stay as plain text
    expect(added.body.data.content).toBe(
      `<p>Hi ${at(u.id, 'Ann')}, <span>@X</span> <span>@X</span> ${at(t.userId, 'me')} <span>@X</span></p>`,
    );
    const target = { noteId, commentId: null };
    expect((await mentionedUserIds(t.ctx, target)).sort()).toEqual([u.id, t.userId].sort());
    const [row] = await t.db.select().from(mentions).where(eq(mentions.mentionedUserId, u.id));
    expect(row).toMatchObject({ noteId, commentId: null, byUserId: t.userId, companyId: t.companyId });
    // one notification, none for the author mentioning themself, none for strangers
    expect(await notificationsOf(t, u.id)).toHaveLength(1);
    expect(await notificationsOf(t, t.userId)).toHaveLength(0);
    expect(await notificationsOf(stranger, stranger.userId)).toHaveLength(0);
    const [n] = (await listNotifications(u.as.ctx)).rows;
    expect(n).toMatchObject({
      kind: 'mention',
      noteId,
      commentId: null,
      actorUserId: t.userId,
      isRead: false,
    });

    // re-saving the same mentions notifies nobody again
    const content = added.body.data.content;
    expect((await t.put(`/api/v1/notes/${noteId}`, { content })).status).toBe(200);
    expect((await t.put(`/api/v1/notes/${noteId}`, { pinned_to_deal_flag: 1 })).status).toBe(200);
    expect(await notificationsOf(t, u.id)).toHaveLength(1);
    expect(await mentionedUserIds(t.ctx, target)).toHaveLength(2);

    // adding v notifies v; dropping u removes u's mention without a new notification
    await t.put(`/api/v1/notes/${noteId}`, { content: `<p>${at(v.id, 'Bo')} ${at(t.userId)}</p>` });
    expect((await mentionedUserIds(t.ctx, target)).sort()).toEqual([v.id, t.userId].sort());
    expect(await notificationsOf(t, v.id)).toHaveLength(1);
    expect(await notificationsOf(t, u.id)).toHaveLength(1);

    await t.put(`/api/v1/notes/${noteId}`, { content: 'nobody' });
    expect(await mentionedUserIds(t.ctx, target)).toEqual([]);
  });

  it('stores mentions in comments with their comment id', async () => {
    const t = await newTenant();
    const u = await t.addUser();
    const v = await t.addUser();
    const dealId = (await makeDeal(t)).id;
    const noteId = (await t.post('/api/v1/notes', { deal_id: dealId, content: at(u.id) })).body.data.id;
    const c = (await v.as.post(`/api/v1/notes/${noteId}/comments`, { content: `ok ${at(u.id)} ${at(v.id)}` }))
      .body.data;
    expect(c.content).toBe(`ok ${at(u.id)} ${at(v.id)}`);
    const target = { noteId, commentId: c.uuid as string };
    expect((await mentionedUserIds(t.ctx, target)).sort()).toEqual([u.id, v.id].sort());
    // the note's own mentions are separate
    expect(await mentionedUserIds(t.ctx, { noteId, commentId: null })).toEqual([u.id]);
    const forU = await notificationsOf(t, u.id);
    expect(forU).toHaveLength(2);
    expect(forU[1]).toMatchObject({ noteId, commentId: c.uuid, actorUserId: v.id });
    expect(await notificationsOf(t, v.id)).toHaveLength(0);

    await v.as.put(`/api/v1/notes/${noteId}/comments/${c.uuid}`, {
      content: `again ${at(u.id)} ${at(t.userId)}`,
    });
    expect((await mentionedUserIds(t.ctx, target)).sort()).toEqual([u.id, t.userId].sort());
    expect(await notificationsOf(t, u.id)).toHaveLength(2);
    expect(await notificationsOf(t, t.userId)).toHaveLength(1);
  });
});
