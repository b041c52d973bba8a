import { Button, Center, Group, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { FieldFilterValue } from '../../components/custom-fields/index.ts';
import { useT } from '../../i18n/provider.tsx';
import type { ListFieldFilter } from './queries.ts';

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

/**
 * A list's custom-field filter, kept in the address (`?field=&value=`) like its search; the filter the
 * list asks for only once both are set.
 */
export function useFieldFilter(): [FieldFilterValue, (f: FieldFilterValue) => void, ListFieldFilter] {
  const [params, setParams] = useSearchParams();
  const code = params.get('field');
  const value = code ? params.get('value') : null;
  const set = useCallback(
    (f: FieldFilterValue) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of [
            ['field', f.code],
            ['value', f.code ? f.value : null],
          ] as const) {
            if (v === null || v === '') next.delete(k);
            else next.set(k, v);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const active = useMemo(() => (code && value !== null ? { code, value } : null), [code, value]);
  return [{ code, value }, set, active];
}

export function ListToolbar({
  label,
  placeholder,
  search,
  onSearch,
  action,
  filters,
}: {
  label: string;
  placeholder: string;
  search: string;
  onSearch: (v: string) => void;
  action: ReactNode;
  /** more filters after the search (a custom field's) */
  filters?: ReactNode;
}) {
  return (
    <Group justify="space-between" align="flex-end" gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          label={label}
          placeholder={placeholder}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          w={{ base: '100%', xs: 320 }}
          type="search"
        />
        {filters}
      </Group>
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
