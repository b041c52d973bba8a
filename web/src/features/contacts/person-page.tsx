import { Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowsJoin } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePerson } from '../../api/persons.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { ContactPanels } from './panels.tsx';
import { PersonDetails } from './person-details.tsx';
import { DealsSection, LeadsSection } from './related.tsx';

/** /contacts/people/:id — the person's fields, leads, deals, activities and notes. */
export function PersonPage() {
  const id = Number(useParams().id);
  const t = useT();
  const person = usePerson(id);
  const [merging, setMerging] = useState(false);

  const back = (
    <Anchor component={Link} to="/contacts/people" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> {t('contacts.people')}
      </Group>
    </Anchor>
  );
  if (!Number.isSafeInteger(id) || id <= 0)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={t('contacts.person.notFound')} />
      </Stack>
    );
  if (person.isPending) return <Loading label={t('contacts.person.loading')} />;
  if (person.isError)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={person.error} />
      </Stack>
    );
  const p = person.data;
  const filter = { person_id: p.id };

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {p.name}
          </Title>
          {p.job_title && <Text c="dimmed">{p.job_title}</Text>}
        </div>
        <Button variant="default" leftSection={<IconArrowsJoin size={16} />} onClick={() => setMerging(true)}>
          {t('contacts.merge')}
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <PersonDetails key={p.update_time} person={p} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <LeadsSection filter={filter} />
            <DealsSection filter={filter} />
            <ContactPanels filter={filter} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MergeDialog kind="person" record={p} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}
