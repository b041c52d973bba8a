import type { z } from 'zod';
import type { ProjectWithDeals, TaskRow } from '../../src/modules/projects/present.ts';
import { addProject } from '../../src/modules/projects/projects.ts';
import { AddProjectBody, AddTaskBody, AddTemplateBody } from '../../src/modules/projects/schema.ts';
import { addTask } from '../../src/modules/projects/tasks.ts';
import { addTemplate } from '../../src/modules/projects/templates.ts';
import type { Maker } from './tenant.ts';

/** A project written by `addProject` (the default board's first phase unless told). */
export function makeProject(
  t: Maker,
  o: Partial<z.input<typeof AddProjectBody>> = {},
): Promise<ProjectWithDeals> {
  return addProject(t.ctx, AddProjectBody.parse({ title: 'Onboarding', ...o }));
}

export function makeTask(
  t: Maker,
  projectId: number,
  o: Partial<z.input<typeof AddTaskBody>> = {},
): Promise<TaskRow> {
  return addTask(t.ctx, AddTaskBody.parse({ title: 'Kick-off call', project_id: projectId, ...o }));
}

/** A template with its tasks, written by `addTemplate`. */
export function makeProjectTemplate(t: Maker, o: Partial<z.input<typeof AddTemplateBody>> = {}) {
  return addTemplate(
    t.ctx,
    AddTemplateBody.parse({
      title: 'Standard onboarding',
      tasks: [
        { title: 'Kick-off call', due_in_days: 1 },
        { title: 'Training', due_in_days: 7 },
      ],
      ...o,
    }),
  );
}
