import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  ColumnPicker,
  CustomCell,
  CustomFieldFilter,
  useCustomColumns,
} from '../../components/custom-fields/index.ts';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';
import { AddPersonDialog } from './add-person-dialog.tsx';
import { ListTable, ListToolbar, LoadMore, useFieldFilter, useListSearch } from './list-bits.tsx';
import { searchable, usePeopleList, useUserNames } from './queries.ts';

export function PeopleList() {
  const [search, term, setSearch] = useListSearch();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [fieldFilter, setFieldFilter, activeFilter] = useFieldFilter();
  const list = usePeopleList(term, activeFilter);
  const ownerName = useUserNames();
  const columns = useCustomColumns('person', 'people');
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Stack gap="md">
      <ListToolbar
        label={t('contacts.people.search')}
        placeholder={t('contacts.people.searchHint')}
        search={search}
        onSearch={setSearch}
        filters={<CustomFieldFilter fields={columns.all} filter={fieldFilter} onChange={setFieldFilter} />}
        action={
          <Group gap="sm">
            <ColumnPicker columns={columns} />
            <Button onClick={() => setAdding(true)}>{t('contacts.people.add')}</Button>
          </Group>
        }
      />
      {list.isPending ? (
        <Loading label={t('contacts.people.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {searchable(term)
            ? t('contacts.people.noMatch', { term: term.trim() })
            : activeFilter
              ? t('customFields.noFilterMatch')
              : t('contacts.people.none')}
        </Empty>
      ) : (
        <>
          <ListTable
            head={[
              t('contacts.field.name'),
              t('contacts.field.email'),
              t('contacts.field.phone'),
              t('contacts.field.organization'),
              t('contacts.field.owner'),
              ...columns.shown.map((f) => f.field_name),
            ]}
          >
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/people/${p.id}`} fw={500} size="sm">
                    {p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{p.email ?? <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{p.phone ?? <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>
                  {p.orgId && p.orgName ? (
                    <Anchor component={Link} to={`/contacts/organizations/${p.orgId}`} size="sm">
                      {p.orgName}
                    </Anchor>
                  ) : (
                    <Text c="dimmed">—</Text>
                  )}
                </Table.Td>
                <Table.Td>{ownerName(p.ownerId)}</Table.Td>
                {columns.shown.map((f) => (
                  <Table.Td key={f.field_code}>
                    <CustomCell field={f} values={p.custom} />
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
      <AddPersonDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
