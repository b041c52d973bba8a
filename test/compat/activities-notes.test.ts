import { describe, expect, it } from 'vitest';
import { officialClient } from './server.ts';

describe('official pipedrive client: activities, activity types, notes, comments', () => {
  it('schedules and completes activities on a deal and keeps next_activity_id', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const types = await new v1.ActivityTypesApi(cfg1).getActivityTypes();
    expect(types.data?.map((t) => t.key_string)).toEqual(
      expect.arrayContaining(['call', 'meeting', 'task', 'deadline', 'email', 'lunch']),
    );
    const deal = await new v2.DealsApi(cfg2).addDeal({ AddDealRequest: { title: 'Demo deal' } });
    const dealId = deal.data!.id!;
    const api = new v2.ActivitiesApi(cfg2);
    const later = await api.addActivity({
      AddActivityRequest: {
        subject: 'Follow up',
        type: 'call',
        deal_id: dealId,
        due_date: '2030-05-02',
        due_time: '10:00',
      },
    });
    const sooner = await api.addActivity({
      AddActivityRequest: {
        subject: 'Demo',
        type: 'meeting',
        deal_id: dealId,
        due_date: '2030-05-01',
        duration: '01:00',
      },
    });
    expect(sooner.data).toMatchObject({ subject: 'Demo', type: 'meeting', deal_id: dealId, done: false });
    const withNext = await new v2.DealsApi(cfg2).getDeal({ id: dealId, include_fields: 'next_activity_id' });
    expect((withNext.data as { next_activity_id?: number }).next_activity_id).toBe(sooner.data!.id);
    await api.updateActivity({ id: sooner.data!.id!, AddActivityRequest: { done: true } });
    const after = await new v2.DealsApi(cfg2).getDeal({ id: dealId, include_fields: 'next_activity_id' });
    expect((after.data as { next_activity_id?: number }).next_activity_id).toBe(later.data!.id);
    const open = await api.getActivities({ deal_id: dealId, done: false });
    expect(open.data?.map((a) => a.id)).toEqual([later.data!.id]);
    expect((await api.deleteActivity({ id: later.data!.id! })).data).toEqual({ id: later.data!.id });
  });

  it('writes notes with comments, sanitised, pinned to a deal', async () => {
    const { cfg1, cfg2, v1, v2 } = await officialClient();
    const deal = await new v2.DealsApi(cfg2).addDeal({ AddDealRequest: { title: 'Noted deal' } });
    const notes = new v1.NotesApi(cfg1);
    const note = await notes.addNote({
      AddNoteRequest: {
        content: '<p>Call went <b>well</b><script>alert(1)</script></p>',
        deal_id: deal.data!.id!,
        pinned_to_deal_flag: 1,
      },
    });
    expect(note.data).toMatchObject({ deal_id: deal.data!.id, pinned_to_deal_flag: true });
    expect(note.data?.content).toBe('<p>Call went <b>well</b></p>');
    const updated = await notes.updateNote({ id: note.data!.id!, NoteRequest: { content: 'Updated' } });
    expect(updated.data?.content).toBe('Updated');
    const list = await notes.getNotes({ deal_id: deal.data!.id! });
    expect(list.data?.map((n) => n.id)).toEqual([note.data!.id]);
    const comment = await notes.addNoteComment({
      id: note.data!.id!,
      CommentPostPutObject: { content: 'Agreed' },
    });
    expect(comment.data).toMatchObject({
      content: 'Agreed',
      object_type: 'note',
      object_id: String(note.data!.id),
    });
    const comments = await notes.getNoteComments({ id: note.data!.id! });
    expect(comments.data?.map((c) => c.uuid)).toEqual([comment.data!.uuid]);
    await notes.updateCommentForNote({
      id: note.data!.id!,
      commentId: comment.data!.uuid!,
      CommentPostPutObject: { content: 'Agreed!' },
    });
    expect((await notes.deleteComment({ id: note.data!.id!, commentId: comment.data!.uuid! })).data).toBe(
      true,
    );
    expect((await notes.deleteNote({ id: note.data!.id! })).data).toBe(true);
  });
});
