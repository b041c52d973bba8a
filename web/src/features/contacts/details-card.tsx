import { Button, Card, DataList, Group, Title } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/provider.tsx';

/** A record's fields, read-only, with an Edit button that swaps in the form. */
export function DetailsCard({
  title,
  rows,
  onEdit,
}: {
  title?: string;
  rows: [string, ReactNode][];
  onEdit: () => void;
}) {
  const t = useT();
  return (
    <Card withBorder padding="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{title ?? t('contacts.details')}</Title>
        <Button variant="light" size="compact-sm" leftSection={<IconPencil size={14} />} onClick={onEdit}>
          {t('contacts.edit')}
        </Button>
      </Group>
      <DataList size="sm" labelWidth={110} withDivider>
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value ?? '—'}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Card>
  );
}

/** The edit form in place of the card. */
export function EditCard({
  title,
  children,
  onCancel,
  onSave,
  busy,
  error,
}: {
  title: string;
  children: ReactNode;
  onCancel: () => void;
  onSave: () => void;
  busy: boolean;
  error: unknown;
}) {
  const t = useT();
  return (
    <Card
      withBorder
      padding="md"
      component="form"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <Title order={4} mb="sm">
        {title}
      </Title>
      {children}
      {error != null && (
        <div role="alert" style={{ color: 'var(--mantine-color-red-7)', marginTop: 8, fontSize: 14 }}>
          {error instanceof Error ? error.message : String(error)}
        </div>
      )}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onCancel}>
          {t('contacts.cancel')}
        </Button>
        <Button type="submit" loading={busy}>
          {t('contacts.save')}
        </Button>
      </Group>
    </Card>
  );
}
