import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAddressBook,
  IconChecklist,
  IconCurrencyDollar,
  IconInbox,
  IconLogout,
  IconPackage,
  IconSettings,
} from '@tabler/icons-react';
import { Suspense } from 'react';
import { Outlet, NavLink as RouterLink, useLocation } from 'react-router';
import { useLogout, useSession } from '../api/session.tsx';
import type { MessageId } from '../i18n/messages/en.ts';
import { useT } from '../i18n/provider.tsx';
import { NotificationsBell } from './notifications-bell.tsx';
import { Loading } from './states.tsx';

const NAV: { to: string; label: MessageId; icon: typeof IconInbox }[] = [
  { to: '/leads', label: 'nav.leads', icon: IconInbox },
  { to: '/deals', label: 'nav.deals', icon: IconCurrencyDollar },
  { to: '/contacts', label: 'nav.contacts', icon: IconAddressBook },
  { to: '/projects', label: 'projects.nav', icon: IconChecklist },
  { to: '/products', label: 'products.nav', icon: IconPackage },
  { to: '/settings', label: 'nav.settings', icon: IconSettings },
];

export function Layout() {
  const [opened, { toggle, close }] = useDisclosure();
  const session = useSession();
  const logout = useLogout();
  const { pathname } = useLocation();
  const t = useT();
  return (
    <AppShell
      header={{ height: 52 }}
      navbar={{ width: 200, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
            <Text fw={700}>{t('app.name')}</Text>
          </Group>
          <Group gap="xs">
            <NotificationsBell />
            <Text size="sm" c="dimmed" visibleFrom="xs">
              {session.user.name}
            </Text>
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconLogout size={16} />}
              onClick={logout}
            >
              {t('nav.logOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.main')}>
        {NAV.map((n) => (
          <NavLink
            key={n.to}
            component={RouterLink}
            to={n.to}
            label={t(n.label)}
            leftSection={<n.icon size={18} />}
            active={pathname.startsWith(n.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
