import { Anchor, Button, Card, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowsJoin } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { type ComponentType, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Organization } from '../../api/organizations.ts';
import type { Person } from '../../api/persons.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { ContactPanels } from './panels.tsx';
import type { ContactFilter } from './queries.ts';

/**
 * What makes a person's page differ from an organization's: where its list is, how it is fetched, the
 * line under its name, its fields and the related sections above the shared activities and notes.
 */
export interface ContactKindPage<R extends Person | Organization> {
  kind: R extends Person ? 'person' : 'organization';
  useRecord: (id: number) => UseQueryResult<R, unknown>;
  list: { path: string; label: MessageId };
  words: { notFound: MessageId; loading: MessageId; fields: MessageId };
  subtitle: (record: R) => string | null;
  filter: (record: R) => ContactFilter;
  /** the record's fields, each edited in place */
  Fields: ComponentType<{ record: R }>;
  /** the sections between the fields and the activities (people, leads, deals) */
  related: (record: R, filter: ContactFilter) => ReactNode;
}

/** /contacts/people/:id and /contacts/organizations/:id: the record's fields, related records, activities and notes. */
export function ContactPage<R extends Person | Organization>({ page }: { page: ContactKindPage<R> }) {
  const id = Number(useParams().id);
  const t = useT();
  const record = page.useRecord(id);
  const [merging, setMerging] = useState(false);

  const back = (
    <Anchor component={Link} to={page.list.path} size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> {t(page.list.label)}
      </Group>
    </Anchor>
  );
  if (!Number.isSafeInteger(id) || id <= 0)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={t(page.words.notFound)} />
      </Stack>
    );
  if (record.isPending) return <Loading label={t(page.words.loading)} />;
  if (record.isError)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={record.error} />
      </Stack>
    );
  const r = record.data;
  const filter = page.filter(r);
  const subtitle = page.subtitle(r);
  const merge =
    page.kind === 'person'
      ? { kind: 'person' as const, record: r as Person }
      : { kind: 'organization' as const, record: r as Organization };

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {r.name}
          </Title>
          {subtitle && <Text c="dimmed">{subtitle}</Text>}
        </div>
        <Button variant="default" leftSection={<IconArrowsJoin size={16} />} onClick={() => setMerging(true)}>
          {t('contacts.merge')}
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <Card withBorder padding="md" component="section" aria-label={t(page.words.fields)}>
            <Title order={4} mb="xs">
              {t(page.words.fields)}
            </Title>
            <page.Fields record={r} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            {page.related(r, filter)}
            <ContactPanels filter={filter} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MergeDialog {...merge} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}
