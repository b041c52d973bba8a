import { Alert, Center, Loader, Text } from '@mantine/core';
import { useT } from '../i18n/provider.tsx';

/** Loading, empty and error states, the same on every page. */
export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <Center p="xl" role="status" aria-label={label ?? t('common.loading')}>
      <Loader size="sm" />
    </Center>
  );
}

export function ErrorState({ error }: { error: unknown }) {
  const t = useT();
  return (
    <Alert color="red" role="alert" title={t('states.error')}>
      {error instanceof Error ? error.message : String(error)}
    </Alert>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return (
    <Text c="dimmed" ta="center" p="xl">
      {children}
    </Text>
  );
}
