import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Comment } from './schema.ts';
import { noteComments } from './tables.ts';

const SQL_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('v1 note comments', () => {
  // the worker's app and database start once (slow on a busy machine): not inside a test's timeout
  beforeAll(() => testApp().then(() => undefined));

  it('adds, lists, gets, updates and deletes comments', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t)).id;
    const note = (await t.post('/api/v1/notes', { content: 'n', deal_id: dealId })).body.data;
    const base = `/api/v1/notes/${note.id}/comments`;

    const first = await t.post(base, { content: '<p onclick="x()">First</p><script>x</script>' });
    expect(first.status).toBe(201);
    const c = Comment.parse(first.body.data);
    expect(Object.keys(first.body.data).sort()).toEqual(Object.keys(Comment.shape).sort());
    expect(c).toMatchObject({
      active_flag: true,
      content: '<p>First</p>',
      object_id: String(note.id),
      object_type: 'note',
      user_id: t.userId,
      updater_id: null,
      company_id: t.companyId,
    });
    expect(c.add_time).toMatch(SQL_TIME);
    const second = (await t.post(base, { content: 'Second' })).body.data;
    const third = (await t.post(`/v1/notes/${note.id}/comments`, { content: 'Third' })).body.data;
    // comments are listed oldest first; made one after the other they can share a millisecond, and
    // then their order is that of their random UUIDs: the later two a second apart, so it is known
    const [made] = await t.db.select().from(noteComments).where(eq(noteComments.id, c.uuid));
    for (const [i, uuid] of [second.uuid, third.uuid].entries()) {
      await t.db
        .update(noteComments)
        .set({ addTime: new Date((made?.addTime.getTime() ?? 0) + (i + 1) * 1000) })
        .where(eq(noteComments.id, uuid));
    }

    const list = await t.get(base);
    expect(list.status).toBe(200);
    expect(list.body.data.map((x: { uuid: string }) => x.uuid)).toEqual([c.uuid, second.uuid, third.uuid]);
    const page = await t.get(base, { start: 1, limit: 1 });
    expect(page.body.data.map((x: { uuid: string }) => x.uuid)).toEqual([second.uuid]);
    expect(page.body.additional_data.pagination).toEqual({
      start: 1,
      limit: 1,
      more_items_in_collection: true,
      next_start: 2,
    });

    expect((await t.get(`${base}/${c.uuid}`)).body.data).toEqual(first.body.data);
    const put = await t.put(`${base}/${c.uuid}`, { content: 'Edited' });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ uuid: c.uuid, content: 'Edited', updater_id: t.userId });

    expect((await t.del(`${base}/${second.uuid}`)).body).toEqual({ success: true, data: true });
    expect((await t.get(`${base}/${second.uuid}`)).status).toBe(404);
    expect((await t.put(`${base}/${second.uuid}`, { content: 'x' })).status).toBe(404);
    expect((await t.get(base)).body.data).toHaveLength(2);

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.companyId, t.companyId), eq(auditEvents.itemType, 'comment')))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'create', 'create', 'change', 'delete']);

    // deleting the note deletes its comments
    await t.del(`/api/v1/notes/${note.id}`);
    expect((await t.get(base)).status).toBe(404);
    expect((await t.get(`${base}/${c.uuid}`)).status).toBe(404);
    expect((await t.post(base, { content: 'late' })).status).toBe(404);
  });

  it('refuses bad input, and unknown notes and comments', async () => {
    const t = await newTenant();
    const dealId = (await makeDeal(t)).id;
    const note = (await t.post('/api/v1/notes', { content: 'n', deal_id: dealId })).body.data;
    const base = `/api/v1/notes/${note.id}/comments`;
    for (const body of [
      {},
      { content: '' },
      { content: '<script>x</script>' },
      { content: 5 },
      { content: null },
    ]) {
      const res = await t.post(base, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toContain('content');
    }
    expect((await t.post(base, { content: 'x'.repeat(100_001) })).status).toBe(400);
    expect((await t.get(base)).body.data).toEqual([]);
    expect((await t.post('/api/v1/notes/999999999/comments', { content: 'x' })).status).toBe(404);
    expect((await t.get('/api/v1/notes/abc/comments')).status).toBe(400);
    expect((await t.get(`${base}/not-a-uuid`)).status).toBe(400);
    expect((await t.get(`${base}/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    // a comment is reached only through its own note
    const other = (await t.post('/api/v1/notes', { content: 'o', deal_id: dealId })).body.data;
    const c = (await t.post(base, { content: 'c' })).body.data;
    expect((await t.get(`/api/v1/notes/${other.id}/comments/${c.uuid}`)).status).toBe(404);
    expect((await t.del(`/api/v1/notes/${other.id}/comments/${c.uuid}`)).status).toBe(404);
  });

  it('has no comments on notes attached only to a lead', async () => {
    const t = await newTenant();
    const leadId = (await makeLead(t)).id;
    const personId = (await makePerson(t)).id;
    const leadOnly = (await t.post('/api/v1/notes', { content: 'n', lead_id: leadId })).body.data;
    const res = await t.post(`/api/v1/notes/${leadOnly.id}/comments`, { content: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('Comments are not available on lead notes');
    expect((await t.get(`/api/v1/notes/${leadOnly.id}/comments`)).body.data).toEqual([]);
    const withPerson = (await t.post('/api/v1/notes', { content: 'n', lead_id: leadId, person_id: personId }))
      .body.data;
    expect((await t.post(`/api/v1/notes/${withPerson.id}/comments`, { content: 'x' })).status).toBe(201);
  });

  it('lets only the author or an admin change or delete a comment', async () => {
    const t = await newTenant();
    const u = await t.addUser();
    const v = await t.addUser();
    const dealId = (await makeDeal(t)).id;
    const note = (await t.post('/api/v1/notes', { content: 'n', deal_id: dealId })).body.data;
    const base = `/api/v1/notes/${note.id}/comments`;
    const byU = (await u.as.post(base, { content: 'mine' })).body.data;
    expect(byU.user_id).toBe(u.id);

    const put = await v.as.put(`${base}/${byU.uuid}`, { content: 'hijack' });
    expect(put.status).toBe(403);
    expect((await v.as.del(`${base}/${byU.uuid}`)).status).toBe(403);
    expect((await v.as.get(`${base}/${byU.uuid}`)).body.data.content).toBe('mine');

    expect((await u.as.put(`${base}/${byU.uuid}`, { content: 'mine, edited' })).status).toBe(200);
    const byAdmin = await t.put(`${base}/${byU.uuid}`, { content: 'moderated' });
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.data).toMatchObject({ user_id: u.id, updater_id: t.userId, content: 'moderated' });
    expect((await u.as.del(`${base}/${byU.uuid}`)).status).toBe(200);

    const adminComment = (await t.post(base, { content: 'admin' })).body.data;
    expect((await u.as.del(`${base}/${adminComment.uuid}`)).status).toBe(403);
    expect((await t.del(`${base}/${adminComment.uuid}`)).status).toBe(200);
  });

  it('hides comments of notes the caller cannot see', async () => {
    const t = await newTenant();
    const u = await t.addUser();
    const b = await newTenant();
    const privateDeal = (await makeDeal(t, { visible_to: 1 })).id;
    const note = (await t.post('/api/v1/notes', { content: 'n', deal_id: privateDeal })).body.data;
    const c = (await t.post(`/api/v1/notes/${note.id}/comments`, { content: 'c' })).body.data;
    for (const who of [u.as, b]) {
      expect((await who.get(`/api/v1/notes/${note.id}/comments`)).status).toBe(404);
      expect((await who.get(`/api/v1/notes/${note.id}/comments/${c.uuid}`)).status).toBe(404);
      expect((await who.post(`/api/v1/notes/${note.id}/comments`, { content: 'x' })).status).toBe(404);
      expect((await who.put(`/api/v1/notes/${note.id}/comments/${c.uuid}`, { content: 'x' })).status).toBe(
        404,
      );
      expect((await who.del(`/api/v1/notes/${note.id}/comments/${c.uuid}`)).status).toBe(404);
    }
  });
});
