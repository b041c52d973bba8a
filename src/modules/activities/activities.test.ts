import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makeOrganization, makePerson } from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { auditEvents } from '../audit/tables.ts';
import { Activity } from './schema.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

// The worker's app and embedded database start here, under the hook timeout.
beforeAll(async () => {
  await testApp();
});

describe('v2 activities: add, get, update, delete', () => {
  it('adds an activity with defaults and answers every key', async () => {
    const t = await newTenant();
    const res = await t.post('/api/v2/activities', {});
    expect(res.status).toBe(200);
    const a = Activity.strict().parse(res.body.data);
    expect(a).toMatchObject({
      subject: 'Call',
      type: 'call',
      owner_id: t.userId,
      creator_user_id: t.userId,
      is_deleted: false,
      deal_id: null,
      lead_id: null,
      person_id: null,
      org_id: null,
      project_id: null,
      due_date: null,
      due_time: null,
      duration: null,
      busy: false,
      done: false,
      marked_as_done_time: null,
      location: null,
      participants: [],
      attendees: [],
      conference_meeting_client: null,
      public_description: null,
      priority: null,
      outcome: null,
      note: null,
    });
    expect(a.add_time).toMatch(RFC3339);
    expect(a.update_time).toMatch(RFC3339);
    expect(Object.keys(res.body.data)).toHaveLength(29);
    const typed = await t.post('/api/v2/activities', { type: 'meeting' });
    expect(typed.body.data.subject).toBe('Meeting');
  });

  it('links records, schedules, completes and updates', async () => {
    const t = await newTenant();
    const other = await t.addUser();
    const deal = (await makeDeal(t)).id;
    const lead = (await makeLead(t)).id;
    const person = (await makePerson(t)).id;
    const person2 = (await makePerson(t)).id;
    const org = (await makeOrganization(t)).id;
    const res = await t.post('/api/v2/activities', {
      subject: 'Kick-off',
      type: 'meeting',
      owner_id: other.id,
      deal_id: deal,
      lead_id: lead,
      person_id: person,
      org_id: org,
      due_date: '2024-02-29',
      due_time: '09:30',
      duration: '01:15',
      busy: true,
      location: { value: '1 Main St', country: 'US' },
      attendees: [{ email: 'guest@example.test', name: 'Guest', user_id: t.userId }],
      public_description: 'Agenda',
      priority: 2,
      note: '<b>internal</b>',
    });
    expect(res.status).toBe(200);
    const a = Activity.parse(res.body.data);
    expect(a).toMatchObject({
      subject: 'Kick-off',
      type: 'meeting',
      owner_id: other.id,
      creator_user_id: t.userId,
      deal_id: deal,
      lead_id: lead,
      person_id: person,
      org_id: org,
      due_date: '2024-02-29',
      due_time: '09:30',
      duration: '01:15',
      busy: true,
      participants: [{ person_id: person, primary: true }],
      attendees: [
        {
          email: 'guest@example.test',
          name: 'Guest',
          status: null,
          is_organizer: false,
          person_id: null,
          user_id: t.userId,
        },
      ],
      public_description: 'Agenda',
      priority: 2,
      note: '<b>internal</b>',
    });
    expect(a.location).toMatchObject({ value: '1 Main St', country: 'US', postal_code: null });
    expect((await t.get(`/api/v2/activities/${a.id}`)).body.data).toEqual(res.body.data);
    expect((await t.get(`/api/v2/activities/${a.id}`, { include_fields: 'attendees' })).status).toBe(200);

    const done = await t.patch(`/api/v2/activities/${a.id}`, { done: true });
    expect(done.body.data.done).toBe(true);
    expect(done.body.data.marked_as_done_time).toMatch(RFC3339);
    expect(done.body.data.subject).toBe('Kick-off');
    const again = await t.patch(`/api/v2/activities/${a.id}`, { done: true, subject: 'Kick-off call' });
    expect(again.body.data.marked_as_done_time).toBe(done.body.data.marked_as_done_time);
    const undone = await t.patch(`/api/v2/activities/${a.id}`, { done: false });
    expect(undone.body.data).toMatchObject({ done: false, marked_as_done_time: null });

    const cleared = await t.patch(`/api/v2/activities/${a.id}`, {
      deal_id: null,
      lead_id: null,
      due_date: null,
      due_time: null,
      duration: null,
      location: null,
      note: null,
      participants: [{ person_id: person2, primary: true }, { person_id: person }],
      type: 'task',
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body.data).toMatchObject({
      deal_id: null,
      lead_id: null,
      due_date: null,
      due_time: null,
      duration: null,
      location: null,
      note: null,
      type: 'task',
      subject: 'Kick-off call',
      person_id: person,
      participants: [
        { person_id: person2, primary: true },
        { person_id: person, primary: false },
      ],
    });
    expect(cleared.body.data.update_time >= a.update_time).toBe(true);

    const del = await t.del(`/api/v2/activities/${a.id}`);
    expect(del.body).toEqual({ success: true, data: { id: a.id } });
    expect((await t.get(`/api/v2/activities/${a.id}`)).status).toBe(404);
    expect((await t.patch(`/api/v2/activities/${a.id}`, { subject: 'x' })).status).toBe(404);
    expect((await t.del(`/api/v2/activities/${a.id}`)).status).toBe(404);

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.companyId, t.companyId),
          eq(auditEvents.itemType, 'activity'),
          eq(auditEvents.itemId, String(a.id)),
        ),
      )
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['create', 'change', 'change', 'change', 'change', 'delete']);
    expect(events[0]!.changes).toContainEqual({
      field_key: 'subject',
      old_value: null,
      new_value: 'Kick-off',
    });
    expect(events[1]!.changes.map((c) => c.field_key).sort()).toEqual(['done', 'marked_as_done_time']);
    expect(events[5]!.changes).toContainEqual({ field_key: 'is_deleted', old_value: false, new_value: true });
  });

  it('accepts seconds in times and keeps HH:MM', async () => {
    const t = await newTenant();
    const res = await t.post('/api/v2/activities', {
      due_date: '2024-01-31',
      due_time: '23:59:30',
      duration: '99:59',
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ due_time: '23:59', duration: '99:59' });
  });

  it('refuses bad input with a 4xx that names the field, and writes nothing', async () => {
    const t = await newTenant();
    const b = await newTenant();
    const foreignDeal = (await makeDeal(b)).id;
    const foreignLead = (await makeLead(b)).id;
    const foreignPerson = (await makePerson(b)).id;
    const foreignOrg = (await makeOrganization(b)).id;
    const cases: [unknown, number, string][] = [
      [{ type: 'rocket' }, 400, 'type'],
      [{ type: '' }, 400, 'type'],
      [{ type: 7 }, 400, 'type'],
      [{ subject: '' }, 400, 'subject'],
      [{ subject: 'x'.repeat(256) }, 400, 'subject'],
      [{ due_time: '25:00' }, 400, 'due_time'],
      [{ due_time: '12:60' }, 400, 'due_time'],
      [{ due_time: '9:30' }, 400, 'due_time'],
      [{ due_date: '2024-02-30' }, 400, 'due_date'],
      [{ due_date: '2023-02-29' }, 400, 'due_date'],
      [{ due_date: '0000-01-01' }, 400, 'due_date'],
      [{ due_date: '24-01-01' }, 400, 'due_date'],
      [{ duration: '100:00' }, 400, 'duration'],
      [{ duration: '01:75' }, 400, 'duration'],
      [{ done: 'yes' }, 400, 'done'],
      [{ busy: 1 }, 400, 'busy'],
      [{ priority: 1.5 }, 400, 'priority'],
      [{ priority: 1e12 }, 400, 'priority'],
      [{ priority: '1' }, 400, 'priority'],
      [{ note: 'x'.repeat(100_001) }, 400, 'note'],
      [{ note: 'a\u0000b' }, 400, 'note'],
      [{ public_description: 42 }, 400, 'public_description'],
      [{ lead_id: 'not-a-uuid' }, 400, 'lead_id'],
      [{ deal_id: '1' }, 400, 'deal_id'],
      [{ deal_id: -1 }, 400, 'deal_id'],
      [{ deal_id: 1e20 }, 400, 'deal_id'],
      [{ participants: [{ primary: true }] }, 400, 'participants'],
      [{ location: 'Main St' }, 400, 'location'],
      [{ attendees: [{ email: 5 }] }, 400, 'attendees'],
      [{ deal_id: foreignDeal }, 404, 'deal_id'],
      [{ deal_id: 999_999_999 }, 404, 'deal_id'],
      [{ lead_id: foreignLead }, 404, 'lead_id'],
      [{ lead_id: '00000000-0000-4000-8000-000000000000' }, 404, 'lead_id'],
      [{ person_id: foreignPerson }, 404, 'person_id'],
      [{ org_id: foreignOrg }, 404, 'org_id'],
      [{ participants: [{ person_id: foreignPerson }] }, 404, 'participants'],
      [{ attendees: [{ person_id: foreignPerson }] }, 404, 'attendees'],
      [{ owner_id: b.userId }, 404, 'owner_id'],
      [{ project_id: 1 }, 404, 'project_id'],
    ];
    for (const [body, status, field] of cases) {
      const res = await t.post('/api/v2/activities', body);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(res.body.success).toBe(false);
      expect(res.body.error, JSON.stringify(body).slice(0, 100)).toContain(field);
    }
    expect((await t.get('/api/v2/activities')).body.data).toHaveLength(0);

    const ok = await t.post('/api/v2/activities', { subject: 'Keep' });
    const id = ok.body.data.id;
    for (const [body, status, field] of cases) {
      const res = await t.patch(`/api/v2/activities/${id}`, body);
      expect(res.status, JSON.stringify(body).slice(0, 100)).toBe(status);
      expect(res.body.error).toContain(field);
    }
    expect((await t.get(`/api/v2/activities/${id}`)).body.data).toEqual(ok.body.data);
    expect((await t.get('/api/v2/activities/abc')).status).toBe(400);
    expect((await t.get('/api/v2/activities/99999999999999999999')).status).toBe(400);
    expect((await t.get('/api/v2/activities/123456789', { include_fields: 'nope' })).status).toBe(400);
  });

  it('sanitises the HTML of note and public_description like notes, on add and on update', async () => {
    const t = await newTenant();
    const hostile =
      '<p onclick="x()">Hi <b>there</b></p><script>alert(1)</script><img src=x onerror=alert(1)>';
    const added = await t.post('/api/v2/activities', { note: hostile, public_description: hostile });
    expect(added.status).toBe(200);
    expect(added.body.data).toMatchObject({
      note: '<p>Hi <b>there</b></p>',
      public_description: '<p>Hi <b>there</b></p>',
    });
    const id = added.body.data.id;
    const link = '<a href="javascript:alert(1)">x</a><a href="https://example.test/">y</a>';
    const updated = await t.patch(`/api/v2/activities/${id}`, { note: link, public_description: null });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({
      note: '<a>x</a><a href="https://example.test/">y</a>',
      public_description: null,
    });
    // what is stored is what was answered
    expect((await t.get(`/api/v2/activities/${id}`)).body.data.note).toBe(updated.body.data.note);
  });

  it('is documented in the OpenAPI document', async () => {
    const t = await newTenant();
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v2/activities'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v2/activities/{id}'].patch).toBeDefined();
    expect(
      doc.paths['/api/v1/activityTypes'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['name', 'icon_key']);
  });

  it('never answers 500 to odd input', async () => {
    const t = await newTenant();
    const id = (await t.post('/api/v2/activities', {})).body.data.id;
    const bodies: unknown[] = [
      [],
      'text',
      42,
      { subject: null },
      { type: null },
      { done: null },
      { owner_id: null },
      { location: { value: { nested: true } } },
      { location: [] },
      { participants: {} },
      { participants: [{ person_id: 0 }] },
      { attendees: [{ user_id: 2 ** 53 }] },
      { due_date: '2024-13-01' },
      { due_date: '99999-01-01' },
      { duration: '-1:00' },
      { subject: 'x'.repeat(10_000) },
      { lead_id: '' },
      { lead_id: `${'a'.repeat(8)}-aaaa-aaaa-aaaa-${'g'.repeat(12)}` },
    ];
    for (const body of bodies) {
      for (const res of [
        await t.post('/api/v2/activities', body),
        await t.patch(`/api/v2/activities/${id}`, body),
      ]) {
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBeGreaterThanOrEqual(400);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBeLessThan(500);
      }
    }
    const raw = await t.app.inject({
      method: 'POST',
      url: '/api/v2/activities',
      headers: { 'x-api-token': t.token, 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(raw.statusCode).toBe(400);
    const weirdCursor = Buffer.from('{"v":"2024-99-99","id":1}').toString('base64url');
    const res = await t.get('/api/v2/activities', { sort_by: 'due_date', cursor: weirdCursor });
    expect(res.status).toBe(400);
    const hugeId = Buffer.from('{"v":"2024-01-01","id":1e30}').toString('base64url');
    expect((await t.get('/api/v2/activities', { sort_by: 'due_date', cursor: hugeId })).status).toBe(400);
    expect((await t.get('/api/v2/activities', { cursor: hugeId })).status).toBe(400);
  });
});
