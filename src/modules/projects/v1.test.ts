import { beforeAll, describe, expect, it } from 'vitest';
import {
  makeDeal,
  makeLead,
  makeOrganization,
  makeProject,
  makeTask,
} from '../../../test/factories/index.ts';
import { newTenant, testApp } from '../../../test/helpers/app.ts';

beforeAll(async () => {
  await testApp();
});

describe('v1 projects and tasks', () => {
  it('answers the v1 shapes over the same use cases', async () => {
    const t = await newTenant();
    const deal = await makeDeal(t);
    const org = await makeOrganization(t, { name: 'Acme' });
    const added = await t.post('/api/v1/projects', {
      title: 'V1',
      org_id: org.id,
      deal_ids: [deal.id],
      labels: [2],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body).toMatchObject({
      success: true,
      additional_data: null,
      data: {
        title: 'V1',
        org_id: org.id,
        person_id: null,
        labels: [2],
        deal_ids: [deal.id],
        status: 'open',
      },
    });
    const p = added.body.data;
    expect(p.add_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const boards = await t.get('/api/v1/projects/boards');
    expect(boards.body.data).toEqual([{ id: p.board_id, name: 'Projects', order_nr: 1 }]);
    const phases = await t.get('/api/v1/projects/phases', { board_id: p.board_id });
    expect(phases.body.data).toHaveLength(4);
    expect((await t.get(`/api/v1/projects/phases/${p.phase_id}`)).body.data.name).toBe('Planning');

    const put = await t.put(`/api/v1/projects/${p.id}`, { org_id: null, status: 'canceled' });
    expect(put.body.data).toMatchObject({ org_id: null, status: 'canceled' });
    await t.post(`/api/v1/projects/${p.id}/archive`);
    expect((await t.get('/api/v1/projects')).body.data).toEqual([]);
    expect(
      (await t.get('/api/v1/projects', { include_archived: 1 })).body.data.map((x: { id: number }) => x.id),
    ).toEqual([p.id]);

    // tasks: done as 0|1, assignee_ids sent as a Set arrives as {} and means "not given"
    const task = await t.post('/api/v1/tasks', {
      title: 'Call',
      project_id: p.id,
      assignee_ids: {},
      done: 1,
    });
    expect(task.status, JSON.stringify(task.body)).toBe(200);
    expect(task.body.data).toMatchObject({ done: 1, assignee_ids: [], assignee_id: null });
    const other = await makeTask(t, p.id, { title: 'Open one' });
    expect((await t.get('/api/v1/tasks', { done: 0 })).body.data.map((x: { id: number }) => x.id)).toEqual([
      other.id,
    ]);
    const upd = await t.put(`/api/v1/tasks/${other.id}`, { assignee_ids: [t.userId] });
    expect(upd.body.data).toMatchObject({ assignee_id: t.userId, assignee_ids: [t.userId] });
    expect((await t.get(`/api/v1/projects/${p.id}/tasks`)).body.data).toHaveLength(2);
    expect((await t.del(`/api/v1/tasks/${other.id}`)).body).toEqual({
      success: true,
      data: { success: true, data: { id: other.id } },
      additional_data: null,
    });

    const lead = await makeLead(t);
    const refused = await t.post('/api/v1/projects', { title: 'X', lead_id: lead.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toContain('lead_id');
    const gone = await makeProject(t, { title: 'Gone' });
    expect((await t.del(`/api/v1/projects/${gone.id}`)).body).toEqual({
      success: true,
      data: { success: true, data: { id: gone.id } },
      additional_data: null,
    });
  });
});
