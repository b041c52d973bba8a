import { Alert, Button, Code, CopyButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

/** Settings → API token: what it is for, and a new one shown once. */
export function ApiTokenSection() {
  const generate = useMutation({
    mutationFn: async () =>
      (await api.post<{ api_token: string }>('/api/ext/users/me/api-token')).data.api_token,
    onSuccess: () => notifications.show({ color: 'teal', message: 'New API token generated' }),
    onError: (e) => notifications.show({ color: 'red', title: 'No new token', message: e.message }),
  });
  const origin = window.location.origin;

  return (
    <Stack gap="md" maw={720}>
      <Title order={3}>API token</Title>
      <Text size="sm">
        Your personal API token lets scripts and integrations (Zapier, Make, the official{' '}
        <Code>pipedrive</Code> client, …) use Pipewright's API as you: they see and change what you can. Send
        it in the <Code>x-api-token</Code> header, or as <Code>?api_token=</Code>. Point Pipedrive clients at{' '}
        <Code>{origin}/api/v1</Code> and <Code>{origin}/api/v2</Code>.
      </Text>
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
        Generating a new token replaces your current one: integrations that use the old token stop working
        until you give them the new one.
      </Alert>
      <Group>
        <Button
          leftSection={<IconKey size={16} />}
          loading={generate.isPending}
          onClick={() => generate.mutate()}
        >
          Generate new token
        </Button>
      </Group>
      {generate.data && (
        <Stack gap="xs">
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Your new API token"
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
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="red" role="alert" title="Copy it now">
            This token is shown only once. Your old token no longer works.
          </Alert>
        </Stack>
      )}
    </Stack>
  );
}
