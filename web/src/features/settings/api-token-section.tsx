import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useIntl } from 'react-intl';
import { useGenerateApiToken } from '../../api/users.ts';
import { useT } from '../../i18n/provider.tsx';

/** Settings → API token: what it is for, and a new one shown once. */
export function ApiTokenSection() {
  const t = useT();
  const intl = useIntl();
  const generate = useGenerateApiToken();
  const generateToken = () =>
    generate.mutate(undefined, {
      onSuccess: () => notifications.show({ color: 'teal', message: t('settings.api.generated') }),
      onError: (e) =>
        notifications.show({ color: 'red', title: t('settings.api.failed'), message: e.message }),
    });
  const origin = window.location.origin;

  return (
    <Stack gap="md" maw={720}>
      <Title order={3}>{t('settings.api')}</Title>
      <Text size="sm">
        {intl.formatMessage(
          { id: 'settings.api.explain' },
          { v1: `${origin}/api/v1`, v2: `${origin}/api/v2`, code: (chunks) => <Code>{chunks}</Code> },
        )}
      </Text>
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
        {t('settings.api.warning')}
      </Alert>
      <Group>
        <Button leftSection={<IconKey size={16} />} loading={generate.isPending} onClick={generateToken}>
          {t('settings.api.generate')}
        </Button>
      </Group>
      {generate.data && (
        <Stack gap="xs">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('settings.api.yourToken')}
              readOnly
              value={generate.data}
              onFocus={(e) => e.currentTarget.select()}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              style={{ flex: 1 }}
            />
            <CopyButton value={generate.data}>
              {({ copied, copy }) => (
                <Button
                  variant="light"
                  color={copied ? 'teal' : undefined}
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {t(copied ? 'settings.api.copied' : 'settings.api.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="red" role="alert" title={t('settings.api.copyNow')}>
            {t('settings.api.onlyOnce')}
          </Alert>
        </Stack>
      )}
    </Stack>
  );
}
