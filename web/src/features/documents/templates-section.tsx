import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type DocumentTemplate,
  useDeleteTemplate,
  useSaveTemplate,
  useTemplates,
} from '../../api/documents.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { formatInstant } from '../../i18n/format.ts';
import { useT } from '../../i18n/provider.tsx';
import { DocumentEditor } from './document-editor.tsx';

const STARTER =
  '<h1>{{deal.title}}</h1>\n<p>{{person.name}}, {{organization.name}}</p>\n<p>{{products}}</p>\n<p>{{owner.name}}</p>';

/** Settings → Documents: the company's templates, and the editor of one (new or existing). */
export function TemplatesSection() {
  const t = useT();
  const templates = useTemplates();
  const [editing, setEditing] = useState<DocumentTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<DocumentTemplate | null>(null);
  const remove = useDeleteTemplate();

  if (editing) {
    return (
      <TemplateForm
        key={editing === 'new' ? 'new' : editing.id}
        template={editing === 'new' ? null : editing}
        onDone={() => setEditing(null)}
      />
    );
  }
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('documents.templates.title')}</Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('documents.templates.new')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('documents.templates.explain')}
      </Text>
      {templates.isPending ? (
        <Loading label={t('documents.templates.loading')} />
      ) : templates.isError ? (
        <ErrorState error={templates.error} />
      ) : templates.data.length === 0 ? (
        <Empty>{t('documents.templates.none')}</Empty>
      ) : (
        <Stack
          gap="xs"
          component="ul"
          aria-label={t('documents.templates.list')}
          style={{ listStyle: 'none', padding: 0, margin: 0 }}
        >
          {templates.data.map((tpl) => (
            <Paper key={tpl.id} component="li" withBorder p="sm">
              <Group justify="space-between" gap="xs">
                <Stack gap={0}>
                  <Text fw={600}>{tpl.name}</Text>
                  <Text size="xs" c="dimmed">
                    {t('documents.templates.updated', { when: formatInstant(tpl.update_time) })}
                  </Text>
                </Stack>
                <Group
                  gap="xs"
                  role="group"
                  aria-label={t('documents.templates.actionsOf', { name: tpl.name })}
                >
                  <Button size="compact-sm" variant="light" onClick={() => setEditing(tpl)}>
                    {t('documents.templates.edit')}
                  </Button>
                  <Button size="compact-sm" variant="default" color="red" onClick={() => setDeleting(tpl)}>
                    {t('documents.templates.delete')}
                  </Button>
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {deleting && (
        <ConfirmDialog
          opened
          title={t('documents.templates.deleteTitle', { name: deleting.name })}
          confirmLabel={t('documents.templates.delete')}
          loading={remove.isPending}
          error={remove.error}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
        >
          {t('documents.templates.deleteText')}
        </ConfirmDialog>
      )}
    </Stack>
  );
}

function TemplateForm({ template, onDone }: { template: DocumentTemplate | null; onDone: () => void }) {
  const t = useT();
  const save = useSaveTemplate();
  const [name, setName] = useState(template?.name ?? '');
  const [body, setBody] = useState(template?.body ?? STARTER);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    save.mutate(
      { id: template?.id ?? null, name, body },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: t('documents.templates.saved') });
          onDone();
        },
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap="md">
        <Title order={3}>
          {template ? t('documents.templates.editTitle') : t('documents.templates.newTitle')}
        </Title>
        <TextInput
          label={t('documents.templates.name')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          maw={480}
        />
        <DocumentEditor label={t('documents.templates.body')} value={body} onChange={setBody} />
        {save.error && (
          <Text c="red" role="alert">
            {save.error.message}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('documents.templates.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('documents.templates.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
