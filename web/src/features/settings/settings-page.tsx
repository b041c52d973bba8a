import { Box, Flex, Stack, Tabs, Title } from '@mantine/core';
import {
  IconFileInvoice,
  IconFileText,
  IconForms,
  IconKey,
  IconTags,
  IconTimeline,
  IconUser,
  IconUsers,
} from '@tabler/icons-react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useIsMobile } from '../../components/use-is-mobile.ts';
import type { MessageId } from '../../i18n/messages/en.ts';
import { useT } from '../../i18n/provider.tsx';

const SECTIONS: { value: string; label: MessageId; icon: typeof IconKey }[] = [
  { value: 'pipelines', label: 'settings.pipelines', icon: IconTimeline },
  { value: 'labels', label: 'settings.labels', icon: IconTags },
  { value: 'fields', label: 'settings.dataFields', icon: IconForms },
  { value: 'users', label: 'settings.users', icon: IconUsers },
  { value: 'api', label: 'settings.api', icon: IconKey },
  { value: 'invoicing', label: 'invoices.settings.title', icon: IconFileInvoice },
  { value: 'documents', label: 'documents.settingsTab', icon: IconFileText },
  { value: 'profile', label: 'settings.profile', icon: IconUser },
];

/** Settings: a side list of sections (tabs across the top on phones), the section beside it. */
export function SettingsPage() {
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const t = useT();
  const current = SECTIONS.find((s) => pathname.startsWith(`/settings/${s.value}`))?.value ?? 'pipelines';
  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Flex direction={mobile ? 'column' : 'row'} gap="lg" align="flex-start">
        <Tabs
          value={current}
          onChange={(v) => v && navigate(`/settings/${v}`)}
          orientation={mobile ? 'horizontal' : 'vertical'}
          variant={mobile ? 'default' : 'pills'}
          w={mobile ? '100%' : 190}
          style={{ flexShrink: 0 }}
          styles={{ tab: { justifyContent: 'flex-start' }, tabLabel: { textAlign: 'left' } }}
        >
          <Tabs.List
            aria-label={t('settings.sections')}
            style={mobile ? { flexWrap: 'nowrap', overflowX: 'auto' } : { width: '100%' }}
          >
            {SECTIONS.map((s) => (
              <Tabs.Tab key={s.value} value={s.value} leftSection={<s.icon size={16} />}>
                {t(s.label)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Box style={{ flex: 1, minWidth: 0 }} w="100%">
          <Outlet />
        </Box>
      </Flex>
    </Stack>
  );
}
