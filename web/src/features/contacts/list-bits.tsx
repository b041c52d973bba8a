import { Button, Center, Group, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/provider.tsx';

/** The search term of a list, kept in the address (`?q=`) so Back returns to the same results. */
export function useListSearch(): [string, string, (v: string) => void] {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text, 300);
  useEffect(() => {
    const current = params.get('q') ?? '';
    if (debounced.trim() === current) return;
    const next = new URLSearchParams(params);
    if (debounced.trim()) next.set('q', debounced.trim());
    else next.delete('q');
    setParams(next, { replace: true });
  }, [debounced, params, setParams]);
  return [text, debounced, setText];
}

export function ListToolbar({
  label,
  placeholder,
  search,
  onSearch,
  action,
}: {
  label: string;
  placeholder: string;
  search: string;
  onSearch: (v: string) => void;
  action: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <TextInput
        label={label}
        placeholder={placeholder}
        leftSection={<IconSearch size={16} />}
        value={search}
        onChange={(e) => onSearch(e.currentTarget.value)}
        w={{ base: '100%', xs: 320 }}
        type="search"
      />
      {action}
    </Group>
  );
}

export function ListTable({ head, children }: { head: string[]; children: ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => (
              <Table.Th key={h}>{h}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function LoadMore({
  hasMore,
  loading,
  onClick,
}: {
  hasMore: boolean;
  loading: boolean;
  onClick: () => void;
}) {
  const t = useT();
  if (!hasMore) return null;
  return (
    <Center>
      <Button variant="default" loading={loading} onClick={onClick}>
        {t('contacts.loadMore')}
      </Button>
    </Center>
  );
}
