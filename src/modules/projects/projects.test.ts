import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeLead,
  makeOrganization,
  makePerson,
  makeProject,
  makeProjectTemplate,
} from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';
import { deals } from '../deals/tables.ts';
import { purgeDeletedItems } from '../retention/purge-deleted.ts';
import { projectDeals } from './tables.ts';

beforeAll(async () => {
  await testApp();
});

describe('v2 projects', () => {
  it('adds on the default board, gets, lists, updates, archives and deletes, with a changelog', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { title: 'Won it' });
    const person = await makePerson(t, { name: 'Pia' });
    const org = await makeOrganization(t, { name: 'Acme' });

    const added = await t.post('/api/v2/projects', {
      title: 'Roll-out',
      deal_ids: [deal.id],
      person_ids: [person.id],
      org_ids: [org.id],
      start_date: '2026-01-05',
      label_ids: [1],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const p = added.body.data;
    expect(p).toMatchObject({
      title: 'Roll-out',
      status: 'open',
      owner_id: t.userId,
      deal_ids: [deal.id],
      person_ids: [person.id],
      org_ids: [org.id],
      label_ids: [1],
      start_date: '2026-01-05',
      end_date: null,
      archive_time: null,
      custom_fields: {},
    });
    // the company's first use made the default board with its phases; the project is in the first
    const boards = await t.get('/api/v2/boards');
    expect(boards.body).toMatchObject({ success: true, additional_data: null });
    expect(boards.body.data.map((b: { name: string }) => b.name)).toEqual(['Projects']);
    expect(p.board_id).toBe(boards.body.data[0].id);
    const phases = await t.get('/api/v2/phases', { board_id: p.board_id });
    expect(phases.body.data.map((x: { name: string }) => x.name)).toEqual([
      'Planning',
      'In progress',
      'Review',
      'Done',
    ]);
    expect(p.phase_id).toBe(phases.body.data[0].id);

    expect((await t.get(`/api/v2/projects/${p.id}`)).body.data).toEqual(p);
    const second = await makeProject(t, { title: 'Second' });
    const page = await t.get('/api/v2/projects', { limit: 1 });
    expect(page.body.data.map((x: { id: number }) => x.id)).toEqual([p.id]);
    const next = await t.get('/api/v2/projects', { cursor: page.body.additional_data.next_cursor });
    expect(next.body.data.map((x: { id: number }) => x.id)).toEqual([second.id]);
    expect(next.body.additional_data.next_cursor).toBeNull();
    const byDeal = await t.get('/api/v2/projects', { deal_id: deal.id });
    expect(byDeal.body.data.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect((await t.get('/api/v2/projects', { person_id: person.id })).body.data).toHaveLength(1);

    const review = phases.body.data[2].id;
    const moved = await t.patch(`/api/v2/projects/${p.id}`, { phase_id: review, status: 'completed' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.data).toMatchObject({ phase_id: review, status: 'completed' });
    expect(moved.body.data.status_change_time).not.toBeNull();
    expect(
      (await t.get('/api/v2/projects', { status: 'open' })).body.data.map((x: { id: number }) => x.id),
    ).toEqual([second.id]);

    const log = await t.get(`/api/v2/projects/${p.id}/changelog`);
    expect(log.status).toBe(200);
    expect(log.body.data).toEqual([
      expect.objectContaining({
        actor_user_id: t.userId,
        change_source: 'api',
        old_values: { status: 'open', phase_id: p.phase_id },
        new_values: { status: 'completed', phase_id: review },
      }),
    ]);

    const archived = await t.post(`/api/v2/projects/${p.id}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.data.archive_time).toEqual(expect.any(String));
    expect((await t.get('/api/v2/projects')).body.data.map((x: { id: number }) => x.id)).toEqual([second.id]);
    expect((await t.get('/api/v2/projects/archived')).body.data.map((x: { id: number }) => x.id)).toEqual([
      p.id,
    ]);

    const gone = await t.del(`/api/v2/projects/${second.id}`);
    expect(gone.body).toEqual({ success: true, data: { id: second.id } });
    expect((await t.get(`/api/v2/projects/${second.id}`)).status).toBe(404);
    const deleted = await t.get('/api/v2/projects', { status: 'deleted' });
    expect(deleted.body.data).toEqual([expect.objectContaining({ id: second.id, status: 'deleted' })]);
    expect((await t.get(`/api/v2/projects/${p.id}/permittedUsers`)).body.data).toEqual([t.userId]);
  });

  it('refuses a lead, a foreign deal, a phase of another board and unknown labels, writing nothing', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const lead = await makeLead(t, { title: 'A lead' });
    const foreign = await makeDeal(other, { title: 'Not yours' });
    const refusals: [unknown, string][] = [
      [{ title: 'X', lead_id: lead.id }, 'lead_id'],
      [{ title: 'X', deal_ids: [lead.id] }, 'deal_ids'],
      [{ title: 'X', deal_ids: [foreign.id] }, 'deal_ids'],
      [{ title: 'X', label_ids: [99] }, 'label_ids'],
      [{ title: 'X', person_ids: [1, 2] }, 'person_ids'],
      [{ title: 'X', start_date: '2026-02-02', end_date: '2026-02-01' }, 'end_date'],
      [{ title: 'X', template_id: 999999 }, 'template_id'],
    ];
    for (const [body, field] of refusals) {
      const res = await t.post('/api/v2/projects', body);
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.success).toBe(false);
      expect(res.body.error).toContain(field);
    }
    const board = await t.post('/api/v2/boards', { name: 'Other' });
    const phase = await t.post('/api/v2/phases', { name: 'Only', board_id: board.body.data.id });
    const defaultBoard = (await t.get('/api/v2/boards')).body.data[0];
    const mismatch = await t.post('/api/v2/projects', {
      title: 'X',
      board_id: defaultBoard.id,
      phase_id: phase.body.data.id,
    });
    expect(mismatch.status, JSON.stringify(mismatch.body)).toBe(400);
    expect(mismatch.body.error).toContain('phase_id');
    expect((await t.get('/api/v2/projects')).body.data).toEqual([]);
    // another company's project is not there
    const theirs = await makeProject(other);
    expect((await t.get(`/api/v2/projects/${theirs.id}`)).status).toBe(404);
  });

  it('makes a project from a template with its tasks, in one go', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t, { title: 'Won', status: 'won' });
    const made = await t.post('/api/ext/projectTemplates', {
      title: 'Onboarding',
      description: 'What we do after a sale',
      tasks: [{ title: 'Kick-off', due_in_days: 2 }, { title: 'Training' }],
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    const tpl = made.body.data;
    expect(tpl.tasks.map((x: { title: string }) => x.title)).toEqual(['Kick-off', 'Training']);
    const listed = await t.get('/api/v2/projectTemplates');
    expect(listed.body.data).toEqual([
      expect.objectContaining({ id: tpl.id, title: 'Onboarding', owner_id: t.userId }),
    ]);
    expect((await t.get(`/api/v2/projectTemplates/${tpl.id}`)).body.data.title).toBe('Onboarding');

    const p = await t.post('/api/v2/projects', {
      title: 'Won: onboarding',
      template_id: tpl.id,
      deal_ids: [deal.id],
      start_date: '2026-03-01',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body.data.description).toBe('What we do after a sale');
    const tasks = await t.get('/api/v2/tasks', { project_id: p.body.data.id });
    expect(
      tasks.body.data.map((x: { title: string; due_date: string | null }) => [x.title, x.due_date]),
    ).toEqual([
      ['Kick-off', '2026-03-03'],
      ['Training', null],
    ]);
  });

  it('keeps the project when its deal is deleted and purged, dropping only the link', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const p = await makeProject(t, { deal_ids: [deal.id] });
    expect((await t.del(`/api/v2/deals/${deal.id}`)).status).toBe(200);
    await t.db
      .update(deals)
      .set({ deleteTime: new Date(Date.now() - 40 * 86_400_000) })
      .where(eq(deals.id, deal.id));
    const purged = await purgeDeletedItems(t.ctx);
    expect(purged.deals).toBe(1);
    const after = await t.get(`/api/v2/projects/${p.id}`);
    expect(after.status).toBe(200);
    expect(after.body.data.deal_ids).toEqual([]);
    expect(await t.db.select().from(projectDeals).where(eq(projectDeals.projectId, p.id))).toEqual([]);
  });

  it('links notes and activities to a project of the company only', async () => {
    const t = await newTenant();
    const other = await newTenant();
    const p = await makeProject(t);
    const theirs = await makeProject(other);
    const note = await t.post('/api/v1/notes', { content: 'Kick-off done', project_id: p.id });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    expect(note.body.data.project_id).toBe(p.id);
    const bad = await t.post('/api/v1/notes', { content: 'x', project_id: theirs.id });
    expect(bad.status).toBe(404);
    expect(bad.body.error).toContain('project_id');
    const act = await t.post('/api/v2/activities', { subject: 'Workshop', project_id: p.id });
    expect(act.status, JSON.stringify(act.body)).toBe(200);
    expect(act.body.data.project_id).toBe(p.id);
    expect((await t.post('/api/v2/activities', { subject: 'x', project_id: theirs.id })).status).toBe(404);
  });
});

describe('v2 boards and phases', () => {
  it('adds, renames and deletes; a board or phase with projects stays', async () => {
    const t = await newTenant();
    const board = await t.post('/api/v2/boards', { name: 'Delivery' });
    expect(board.status, JSON.stringify(board.body)).toBe(200);
    // the default board came first, on first use
    expect(board.body.data).toMatchObject({ name: 'Delivery', order_nr: 2 });
    const b = board.body.data.id;
    const phase = await t.post('/api/v2/phases', { name: 'Build', board_id: b });
    expect(phase.body.data).toMatchObject({ name: 'Build', board_id: b, order_nr: 1 });
    const renamed = await t.patch(`/api/v2/phases/${phase.body.data.id}`, { name: 'Construct' });
    expect(renamed.body.data.name).toBe('Construct');
    expect((await t.patch(`/api/v2/boards/${b}`, { name: 'Delivery 2' })).body.data.name).toBe('Delivery 2');
    expect((await t.get(`/api/v2/boards/${b}`)).body.data.name).toBe('Delivery 2');
    expect((await t.get(`/api/v2/phases/${phase.body.data.id}`)).body.data.name).toBe('Construct');

    const p = await makeProject(t, { board_id: b });
    expect(p.phaseId).toBe(phase.body.data.id);
    expect((await t.del(`/api/v2/phases/${phase.body.data.id}`)).status).toBe(409);
    expect((await t.del(`/api/v2/boards/${b}`)).status).toBe(409);
    await t.del(`/api/v2/projects/${p.id}`);
    expect((await t.del(`/api/v2/phases/${phase.body.data.id}`)).body).toEqual({
      success: true,
      data: { id: phase.body.data.id },
    });
    expect((await t.del(`/api/v2/boards/${b}`)).status).toBe(200);
    expect((await t.get(`/api/v2/boards/${b}`)).status).toBe(404);
    expect((await t.get('/api/v2/phases', { board_id: 999999 })).status).toBe(404);
    expect((await t.post('/api/v2/phases', { name: 'x', board_id: 999999 })).body.error).toContain(
      'board_id',
    );
  });
});

describe('v2 tasks', () => {
  it('adds with assignees and due dates, filters, checks off, and deletes with subtasks', async () => {
    const t = await newTenant();
    const colleague = await t.addUser({ name: 'Colleague' });
    const p = await makeProject(t);
    const added = await t.post('/api/v2/tasks', {
      title: 'Kick-off',
      project_id: p.id,
      assignee_ids: [colleague.id],
      due_date: '2026-04-01',
      milestone: 1,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({ additional_data: null });
    const task = added.body.data;
    expect(task).toMatchObject({
      title: 'Kick-off',
      project_id: p.id,
      creator_id: t.userId,
      assignee_ids: [colleague.id],
      due_date: '2026-04-01',
      is_done: false,
      is_milestone: true,
      parent_task_id: null,
      marked_as_done_time: null,
    });
    const sub = await t.post('/api/v2/tasks', { title: 'Agenda', project_id: p.id, parent_task_id: task.id });
    expect(sub.status).toBe(200);
    const subsub = await t.post('/api/v2/tasks', {
      title: 'x',
      project_id: p.id,
      parent_task_id: sub.body.data.id,
    });
    expect(subsub.status).toBe(400);
    expect(subsub.body.error).toContain('parent_task_id');

    const roots = await t.get('/api/v2/tasks', { project_id: p.id, parent_task_id: 'null' });
    expect(roots.body.data.map((x: { id: number }) => x.id)).toEqual([task.id]);
    const mine = await t.get('/api/v2/tasks', { assignee_id: colleague.id });
    expect(mine.body.data.map((x: { id: number }) => x.id)).toEqual([task.id]);

    const done = await t.patch(`/api/v2/tasks/${task.id}`, { done: true, assignee_id: t.userId });
    expect(done.body.data).toMatchObject({ is_done: true, assignee_ids: [t.userId] });
    expect(done.body.data.marked_as_done_time).toEqual(expect.any(String));
    expect(
      (await t.get('/api/v2/tasks', { is_done: 'false' })).body.data.map((x: { id: number }) => x.id),
    ).toEqual([sub.body.data.id]);
    expect((await t.patch(`/api/v2/tasks/${task.id}`, { assignee_ids: [999999] })).body.error).toContain(
      'assignee_ids',
    );
    expect((await t.post('/api/v2/tasks', { title: 'x', project_id: 999999 })).body.error).toContain(
      'project_id',
    );

    expect((await t.del(`/api/v2/tasks/${task.id}`)).body).toEqual({ success: true, data: { id: task.id } });
    expect((await t.get(`/api/v2/tasks/${sub.body.data.id}`)).status).toBe(404);
    expect((await t.get('/api/v2/tasks', { project_id: p.id })).body.data).toEqual([]);
  });

  it('reads a template made by the factory, and lists the project fields', async () => {
    const t = await newTenant();
    const made = await makeProjectTemplate(t);
    expect((await t.get(`/api/ext/projectTemplates/${made.template.id}`)).body.data.tasks).toHaveLength(2);
    const fields = await t.get('/api/v2/projectFields');
    expect(fields.status).toBe(200);
    const codes = fields.body.data.map((f: { field_code: string }) => f.field_code);
    expect(codes).toEqual(expect.arrayContaining(['title', 'board_id', 'phase_id', 'deal_ids', 'label_ids']));
    const labels = await t.get('/api/v2/projectFields/label_ids');
    expect(labels.body.data.options.map((o: { id: number }) => o.id)).toEqual([1, 2, 3, 4]);
  });
});
