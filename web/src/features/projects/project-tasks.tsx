import { Button, Checkbox, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useAddTask, useProjectTasks, useUpdateTask } from '../../api/projects.ts';
import { useUsers } from '../../api/users.ts';
import { DateField } from '../../components/date-field.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

/** A project's tasks: add one, check it off, assign it, give it a due date. */
export function ProjectTasks({ projectId }: { projectId: number }) {
  const t = useT();
  const tasks = useProjectTasks(projectId);
  const users = useUsers();
  const add = useAddTask(projectId);
  const update = useUpdateTask(projectId);
  const [title, setTitle] = useState('');
  const userOptions = (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }));
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!title.trim()) return;
    add.mutate({ title: title.trim() }, { onSuccess: () => setTitle('') });
  };
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={2} size="h5">
          {t('projects.tasks.title')}
        </Title>
        <form onSubmit={submit}>
          <Group gap="xs" align="flex-end">
            <TextInput
              label={t('projects.tasks.new')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              style={{ flex: 1 }}
              error={add.error?.message}
            />
            <Button type="submit" loading={add.isPending}>
              {t('projects.tasks.add')}
            </Button>
          </Group>
        </form>
        {tasks.isPending ? (
          <Loading label={t('projects.tasks.loading')} />
        ) : tasks.isError ? (
          <ErrorState error={tasks.error} />
        ) : tasks.data.length === 0 ? (
          <Empty>{t('projects.tasks.none')}</Empty>
        ) : (
          <Stack
            gap="xs"
            component="ul"
            aria-label={t('projects.tasks.list')}
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
          >
            {tasks.data.map((task) => (
              <Paper
                key={task.id}
                component="li"
                withBorder
                p="xs"
                radius="sm"
                ml={task.parent_task_id ? 'lg' : 0}
              >
                <Group gap="sm" wrap="wrap" justify="space-between">
                  <Checkbox
                    label={task.title}
                    checked={task.is_done}
                    onChange={(e) =>
                      update.mutate({ id: task.id, patch: { done: e.currentTarget.checked ? 1 : 0 } })
                    }
                  />
                  <Group gap="xs" wrap="wrap">
                    <Select
                      size="xs"
                      w={170}
                      aria-label={t('projects.tasks.assigneeOf', { title: task.title })}
                      placeholder={t('projects.tasks.unassigned')}
                      data={userOptions}
                      value={task.assignee_ids[0] ? String(task.assignee_ids[0]) : null}
                      onChange={(v) =>
                        update.mutate({ id: task.id, patch: { assignee_id: v ? Number(v) : null } })
                      }
                      clearable
                    />
                    <DateField
                      size="xs"
                      w={150}
                      aria-label={t('projects.tasks.dueOf', { title: task.title })}
                      placeholder={t('projects.tasks.due')}
                      value={task.due_date}
                      onChange={(v) => {
                        if (v !== task.due_date) update.mutate({ id: task.id, patch: { due_date: v } });
                      }}
                      clearable
                    />
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
