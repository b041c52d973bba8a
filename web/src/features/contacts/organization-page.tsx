import { Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconArrowsJoin } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useOrganization } from '../../api/organizations.ts';
import { ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { MergeDialog } from './merge-dialog.tsx';
import { OrganizationDetails } from './organization-details.tsx';
import { ContactPanels } from './panels.tsx';
import { DealsSection, LeadsSection, PeopleSection } from './related.tsx';

/** /contacts/organizations/:id — the organization's fields, people, leads, deals, activities and notes. */
export function OrganizationPage() {
  const id = Number(useParams().id);
  const t = useT();
  const org = useOrganization(id);
  const [merging, setMerging] = useState(false);

  const back = (
    <Anchor component={Link} to="/contacts/organizations" size="sm">
      <Group gap={4}>
        <IconArrowLeft size={14} /> {t('contacts.organizations')}
      </Group>
    </Anchor>
  );
  if (!Number.isSafeInteger(id) || id <= 0)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={t('contacts.organization.notFound')} />
      </Stack>
    );
  if (org.isPending) return <Loading label={t('contacts.organization.loading')} />;
  if (org.isError)
    return (
      <Stack gap="md">
        {back}
        <ErrorState error={org.error} />
      </Stack>
    );
  const o = org.data;
  const filter = { org_id: o.id };

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {o.name}
          </Title>
          {o.address.value && <Text c="dimmed">{o.address.value}</Text>}
        </div>
        <Button variant="default" leftSection={<IconArrowsJoin size={16} />} onClick={() => setMerging(true)}>
          {t('contacts.merge')}
        </Button>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>
          <OrganizationDetails key={o.update_time} org={o} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>
          <Stack gap="md">
            <PeopleSection org={{ id: o.id, name: o.name }} />
            <LeadsSection filter={filter} />
            <DealsSection filter={filter} />
            <ContactPanels filter={filter} />
          </Stack>
        </Grid.Col>
      </Grid>
      <MergeDialog kind="organization" record={o} opened={merging} onClose={() => setMerging(false)} />
    </Stack>
  );
}
