import { Stack, Tabs, Title } from '@mantine/core';
import { IconBuilding, IconCopy, IconUser } from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/provider.tsx';

/** Contacts: the People and Organizations lists and the duplicate pairs, one tab each. */
export function ContactsPage() {
  const { pathname } = useLocation();
  const t = useT();
  const navigate = useNavigate();
  const tab = pathname.startsWith('/contacts/organizations')
    ? 'organizations'
    : pathname.startsWith('/contacts/duplicates')
      ? 'duplicates'
      : 'people';
  return (
    <Stack gap="md">
      <Title order={2}>{t('contacts.title')}</Title>
      <Tabs value={tab} onChange={(v) => v && navigate(`/contacts/${v}`)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="people" leftSection={<IconUser size={16} />}>
            {t('contacts.people')}
          </Tabs.Tab>
          <Tabs.Tab value="organizations" leftSection={<IconBuilding size={16} />}>
            {t('contacts.organizations')}
          </Tabs.Tab>
          <Tabs.Tab value="duplicates" leftSection={<IconCopy size={16} />}>
            {t('contacts.duplicates')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Outlet />
    </Stack>
  );
}
