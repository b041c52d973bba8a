import { Alert, Center, Loader, Text } from '@mantine/core';

/** Loading, empty and error states, the same on every page. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center p="xl" role="status" aria-label={label}>
      <Loader size="sm" />
    </Center>
  );
}

export function ErrorState({ error }: { error: unknown }) {
  return (
    <Alert color="red" role="alert" title="Something went wrong">
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
