import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Schemas } from './types.ts';

/** Projects (v2): boards, phases, projects, their tasks, and templates. */

export type Project = Schemas['Project'];
export type ProjectBoard = Schemas['ProjectBoard'];
export type ProjectPhase = Schemas['ProjectPhase'];
export type ProjectTask = Schemas['ProjectTask'];
export type ProjectTemplate = Schemas['ProjectTemplate'];

export const projectKeys = {
  all: ['projects'] as const,
  boards: () => ['projects', 'boards'] as const,
  phases: (boardId: number) => ['projects', 'phases', boardId] as const,
  list: (f: { dealId?: number | null } = {}) => ['projects', 'list', { dealId: f.dealId ?? null }] as const,
  detail: (id: number) => ['projects', 'detail', id] as const,
  tasks: (projectId: number) => ['projects', 'tasks', projectId] as const,
  templates: () => ['projects', 'templates'] as const,
};

const STALE_MS = 15_000;

export async function fetchBoards(): Promise<ProjectBoard[]> {
  return (await api.get<ProjectBoard[]>('/api/v2/boards')).data;
}

export async function fetchPhases(boardId: number): Promise<ProjectPhase[]> {
  return (await api.get<ProjectPhase[]>('/api/v2/phases', { board_id: boardId })).data;
}

/** Every open project (or a deal's), following the cursor to the end. */
export async function fetchProjects(f: { dealId?: number | null } = {}): Promise<Project[]> {
  const out: Project[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.get<Project[]>('/api/v2/projects', {
      deal_id: f.dealId ?? undefined,
      limit: 500,
      cursor,
    });
    out.push(...res.data);
    cursor = (res.additional_data as { next_cursor?: string | null } | undefined)?.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export async function fetchProject(id: number): Promise<Project> {
  return (await api.get<Project>(`/api/v2/projects/${id}`)).data;
}

export async function fetchTasks(projectId: number): Promise<ProjectTask[]> {
  return (await api.get<ProjectTask[]>('/api/v2/tasks', { project_id: projectId, limit: 500 })).data;
}

export async function fetchTemplates(): Promise<ProjectTemplate[]> {
  return (await api.get<ProjectTemplate[]>('/api/v2/projectTemplates', { limit: 500 })).data;
}

export function useProjectBoards() {
  return useQuery({ queryKey: projectKeys.boards(), queryFn: fetchBoards, staleTime: STALE_MS });
}

export function useProjectPhases(boardId: number | null) {
  return useQuery({
    queryKey: projectKeys.phases(boardId ?? 0),
    queryFn: () => fetchPhases(boardId as number),
    enabled: boardId !== null,
    staleTime: STALE_MS,
  });
}

export function useProjects(f: { dealId?: number | null } = {}) {
  return useQuery({ queryKey: projectKeys.list(f), queryFn: () => fetchProjects(f), staleTime: STALE_MS });
}

export function useProject(id: number) {
  return useQuery({ queryKey: projectKeys.detail(id), queryFn: () => fetchProject(id), staleTime: STALE_MS });
}

export function useProjectTasks(projectId: number) {
  return useQuery({
    queryKey: projectKeys.tasks(projectId),
    queryFn: () => fetchTasks(projectId),
    staleTime: STALE_MS,
  });
}

export function useProjectTemplates() {
  return useQuery({ queryKey: projectKeys.templates(), queryFn: fetchTemplates, staleTime: STALE_MS });
}

export interface NewProject {
  title: string;
  template_id?: number;
  deal_ids?: number[];
  person_ids?: number[];
  org_ids?: number[];
  board_id?: number;
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewProject) => (await api.post<Project>('/api/v2/projects', body)).data,
    onSuccess: (p) => {
      qc.setQueryData(projectKeys.detail(p.id), p);
      void qc.invalidateQueries({ queryKey: projectKeys.all });
    },
  });
}

export type ProjectPatch = Partial<
  Pick<Project, 'title' | 'status' | 'phase_id' | 'position' | 'start_date' | 'end_date'>
>;

/** Changes a project; the board shows a move at once and takes the server's answer after. */
export function useUpdateProject() {
  const qc = useQueryClient();
  const listKey = projectKeys.list();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: number; patch: ProjectPatch }) =>
      (await api.patch<Project>(`/api/v2/projects/${id}`, patch)).data,
    onMutate: async ({ id, patch }) => {
      await qc.cancelQueries({ queryKey: listKey });
      qc.setQueryData<Project[]>(listKey, (old) => old?.map((p) => (p.id === id ? { ...p, ...patch } : p)));
    },
    onSuccess: (p) => qc.setQueryData(projectKeys.detail(p.id), p),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export interface TaskPatch {
  title?: string;
  done?: 0 | 1;
  assignee_id?: number | null;
  due_date?: string | null;
}

export function useAddTask(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { title: string; due_date?: string | null; assignee_id?: number | null }) =>
      (await api.post<ProjectTask>('/api/v2/tasks', { ...body, project_id: projectId })).data,
    onSuccess: () => qc.invalidateQueries({ queryKey: projectKeys.tasks(projectId) }),
  });
}

export function useUpdateTask(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, patch }: { id: number; patch: TaskPatch }) =>
      (await api.patch<ProjectTask>(`/api/v2/tasks/${id}`, patch)).data,
    // a check shows at once; the server's answer replaces it
    onMutate: async ({ id, patch }) => {
      const key = projectKeys.tasks(projectId);
      await qc.cancelQueries({ queryKey: key });
      qc.setQueryData<ProjectTask[]>(key, (old) =>
        old?.map((t) => (t.id === id && patch.done !== undefined ? { ...t, is_done: patch.done === 1 } : t)),
      );
    },
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.tasks(projectId) }),
  });
}
