import { Anchor, Button, Group, Stack, Table } from '@mantine/core';
import type { UseInfiniteQueryResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import {
  ColumnPicker,
  CustomCell,
  CustomFieldFilter,
  type ListEntity,
  useCustomColumns,
} from '../../components/custom-fields/index.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { ListTable, ListToolbar, LoadMore, useFieldFilter, useListSearch } from './list-bits.tsx';
import { type ListFieldFilter, searchable, useUserNames } from './queries.ts';

export interface ContactListRow {
  id: number;
  name: string;
  ownerId: number | null;
  custom?: Record<string, unknown>;
}

interface Page<R> {
  rows: R[];
  next: string | null;
}

/** What differs between the people list and the organizations list; the rest is this one component. */
export interface ContactsListProps<R extends ContactListRow> {
  /** the catalogue prefix of the list's texts and the key its chosen columns are remembered under */
  list: 'people' | 'organizations';
  entity: ListEntity;
  /** the list's query (a hook: called once per render, always the same one) */
  useRows: (term: string, filter: ListFieldFilter) => UseInfiniteQueryResult<{ pages: Page<R>[] }>;
  /** headings of the columns between the name and the owner */
  head: string[];
  /** their cells, one Table.Td each */
  cells: (row: R) => ReactNode;
  addDialog: (opened: boolean, onClose: () => void) => ReactNode;
}

/** A contact list: search, custom-field filter and columns, the table, "Load more", the add dialog. */
export function ContactsList<R extends ContactListRow>(props: ContactsListProps<R>) {
  const { list: kind, useRows } = props;
  const [search, term, setSearch] = useListSearch();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [fieldFilter, setFieldFilter, activeFilter] = useFieldFilter();
  const list = useRows(term, activeFilter);
  const ownerName = useUserNames();
  const columns = useCustomColumns(props.entity, kind);
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Stack gap="md">
      <ListToolbar
        label={t(`contacts.${kind}.search`)}
        placeholder={t(`contacts.${kind}.searchHint`)}
        search={search}
        onSearch={setSearch}
        filters={<CustomFieldFilter fields={columns.all} filter={fieldFilter} onChange={setFieldFilter} />}
        action={
          <Group gap="sm">
            <ColumnPicker columns={columns} />
            <Button onClick={() => setAdding(true)}>{t(`contacts.${kind}.add`)}</Button>
          </Group>
        }
      />
      {list.isPending ? (
        <Loading label={t(`contacts.${kind}.loading`)} />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {searchable(term)
            ? t(`contacts.${kind}.noMatch`, { term: term.trim() })
            : activeFilter
              ? t('customFields.noFilterMatch')
              : t(`contacts.${kind}.none`)}
        </Empty>
      ) : (
        <>
          <ListTable
            head={[
              t('contacts.field.name'),
              ...props.head,
              t('contacts.field.owner'),
              ...columns.shown.map((f) => f.field_name),
            ]}
          >
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/${kind}/${row.id}`} fw={500} size="sm">
                    {row.name}
                  </Anchor>
                </Table.Td>
                {props.cells(row)}
                <Table.Td>{ownerName(row.ownerId)}</Table.Td>
                {columns.shown.map((f) => (
                  <Table.Td key={f.field_code}>
                    <CustomCell field={f} values={row.custom} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </ListTable>
          <LoadMore
            hasMore={!!list.hasNextPage}
            loading={list.isFetchingNextPage}
            onClick={() => list.fetchNextPage()}
          />
        </>
      )}
      {props.addDialog(adding, () => setAdding(false))}
    </Stack>
  );
}
