import { describe, expect, it } from 'vitest';
import { makeDeal, makeLead, makeProjectTemplate } from '../factories/index.ts';
import { officialClient } from './server.ts';

const rejection = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as { success?: boolean; error?: string },
  );

describe('official pipedrive client: projects', () => {
  it('runs v2 ProjectsApi, ProjectBoardsApi and ProjectPhasesApi', async () => {
    const { cfg2, v2, tenant } = await officialClient();
    const deal = await makeDeal(tenant, { title: 'Won deal', status: 'won' });
    const boardsApi = new v2.ProjectBoardsApi(cfg2);
    const phasesApi = new v2.ProjectPhasesApi(cfg2);
    const api = new v2.ProjectsApi(cfg2);

    const board = await boardsApi.addProjectBoard({ AddProjectBoardRequest: { name: 'Delivery' } });
    const boardId = board.data!.id!;
    expect((await boardsApi.getProjectsBoard({ id: boardId })).data?.name).toBe('Delivery');
    expect(
      (await boardsApi.updateProjectBoard({ id: boardId, UpdateProjectBoardRequest: { name: 'Del' } })).data
        ?.name,
    ).toBe('Del');
    expect((await boardsApi.getProjectsBoards()).data?.map((b) => b.name)).toEqual(['Projects', 'Del']);
    const phase = await phasesApi.addProjectPhase({
      AddProjectPhaseRequest: { name: 'Build', board_id: boardId },
    });
    const phaseId = phase.data!.id!;
    const later = await phasesApi.addProjectPhase({
      AddProjectPhaseRequest: { name: 'Ship', board_id: boardId },
    });
    expect((await phasesApi.getProjectsPhases({ board_id: boardId })).data?.map((p) => p.name)).toEqual([
      'Build',
      'Ship',
    ]);
    expect((await phasesApi.getProjectsPhase({ id: phaseId })).data?.board_id).toBe(boardId);
    expect(
      (await phasesApi.updateProjectPhase({ id: phaseId, UpdateProjectPhaseRequest: { name: 'Construct' } }))
        .data?.name,
    ).toBe('Construct');

    const added = await api.addProject({
      AddProjectRequest: {
        title: 'Roll-out',
        board_id: boardId,
        deal_ids: [deal.id],
        start_date: '2026-05-01',
      },
    });
    const id = added.data!.id!;
    expect(added.data).toMatchObject({
      title: 'Roll-out',
      board_id: boardId,
      phase_id: phaseId,
      deal_ids: [deal.id],
    });
    expect((await api.getProject({ id })).data?.status).toBe('open');
    const updated = await api.updateProject({
      id,
      UpdateProjectRequest: { phase_id: later.data!.id!, status: 'completed' },
    });
    expect(updated.data).toMatchObject({ phase_id: later.data!.id!, status: 'completed' });
    const list = await api.getProjects({ deal_id: deal.id, limit: 10 });
    expect(list.data?.map((p) => p.id)).toEqual([id]);
    expect(list.additional_data?.next_cursor).toBeNull();
    const log = await api.getProjectChangelog({ id });
    expect(log.data?.[0]?.new_values).toMatchObject({ status: 'completed' });
    expect((await api.getProjectUsers({ id })).data).toEqual([tenant.userId]);

    const archived = await api.archiveProject({ id });
    expect(archived.data?.archive_time).toEqual(expect.any(String));
    expect((await api.getArchivedProjects({})).data?.map((p) => p.id)).toEqual([id]);
    expect((await api.getProjects({})).data).toEqual([]);

    const lead = await makeLead(tenant, { title: 'Only a lead' });
    const refused = await rejection(
      api.addProject({ AddProjectRequest: { title: 'X', deal_ids: [lead.id as unknown as number] } }),
    );
    expect(refused.success).toBe(false);
    expect(refused.error).toContain('deal_ids');

    expect((await api.deleteProject({ id })).data).toEqual({ id });
    expect(await rejection(api.getProject({ id }))).toMatchObject({ error: 'Project not found' });
    expect((await phasesApi.deleteProjectPhase({ id: phaseId })).data).toEqual({ id: phaseId });
    expect((await boardsApi.deleteProjectBoard({ id: boardId })).data).toEqual({ id: boardId });
  });

  it('runs v2 ProjectTemplatesApi, TasksApi and ProjectFieldsApi', async () => {
    const { cfg2, v2, tenant } = await officialClient();
    const made = await makeProjectTemplate(tenant);
    const templatesApi = new v2.ProjectTemplatesApi(cfg2);
    const tpl = await templatesApi.getProjectTemplate({ id: made.template.id });
    expect(tpl.data).toMatchObject({ title: 'Standard onboarding', owner_id: tenant.userId });
    expect((await templatesApi.getProjectTemplates({ limit: 5 })).data?.map((t) => t.id)).toEqual([
      made.template.id,
    ]);

    const project = await new v2.ProjectsApi(cfg2).addProject({
      AddProjectRequest: { title: 'From template', template_id: made.template.id },
    });
    const projectId = project.data!.id!;
    const tasksApi = new v2.TasksApi(cfg2);
    const fromTemplate = await tasksApi.getTasks({ project_id: projectId });
    expect(fromTemplate.data?.map((t) => t.title)).toEqual(['Kick-off call', 'Training']);

    const task = await tasksApi.addTask({
      AddTaskRequest: {
        title: 'Sign-off',
        project_id: projectId,
        assignee_id: tenant.userId,
        due_date: '2026-06-01',
      },
    });
    const taskId = task.data!.id!;
    expect(task.data).toMatchObject({
      assignee_ids: [tenant.userId],
      due_date: '2026-06-01',
      is_done: false,
    });
    const sub = await tasksApi.addTask({
      AddTaskRequest: { title: 'Print', project_id: projectId, parent_task_id: taskId },
    });
    const roots = await tasksApi.getTasks({ project_id: projectId, parent_task_id: 'null', limit: 2 });
    expect(roots.data).toHaveLength(2);
    expect(roots.additional_data?.next_cursor).toEqual(expect.any(String));
    const done = await tasksApi.updateTask({ id: taskId, UpdateTaskRequest: { done: 1 } });
    expect(done.data?.is_done).toBe(true);
    expect((await tasksApi.getTask({ id: sub.data!.id! })).data?.parent_task_id).toBe(taskId);
    expect((await tasksApi.getTasks({ is_done: true })).data?.map((t) => t.id)).toEqual([taskId]);
    expect((await tasksApi.deleteTask({ id: taskId })).data).toEqual({ id: taskId });
    expect(await rejection(tasksApi.getTask({ id: sub.data!.id! }))).toMatchObject({
      error: 'Task not found',
    });

    const fields = await new v2.ProjectFieldsApi(cfg2).getProjectFields({});
    expect(fields.data?.map((f) => f.field_code)).toEqual(
      expect.arrayContaining(['title', 'phase_id', 'deal_ids']),
    );
  });
});
