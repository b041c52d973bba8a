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
import { AddOrganizationDialog } from './add-organization-dialog.tsx';
import { ListTable, ListToolbar, LoadMore, useFieldFilter, useListSearch } from './list-bits.tsx';
import { searchable, useOrganizationsList, useUserNames } from './queries.ts';

export function OrganizationsList() {
  const [search, term, setSearch] = useListSearch();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const [fieldFilter, setFieldFilter, activeFilter] = useFieldFilter();
  const list = useOrganizationsList(term, activeFilter);
  const ownerName = useUserNames();
  const columns = useCustomColumns('organization', 'organizations');
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Stack gap="md">
      <ListToolbar
        label={t('contacts.organizations.search')}
        placeholder={t('contacts.organizations.searchHint')}
        search={search}
        onSearch={setSearch}
        filters={<CustomFieldFilter fields={columns.all} filter={fieldFilter} onChange={setFieldFilter} />}
        action={
          <Group gap="sm">
            <ColumnPicker columns={columns} />
            <Button onClick={() => setAdding(true)}>{t('contacts.organizations.add')}</Button>
          </Group>
        }
      />
      {list.isPending ? (
        <Loading label={t('contacts.organizations.loading')} />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {searchable(term)
            ? t('contacts.organizations.noMatch', { term: term.trim() })
            : activeFilter
              ? t('customFields.noFilterMatch')
              : t('contacts.organizations.none')}
        </Empty>
      ) : (
        <>
          <ListTable
            head={[
              t('contacts.field.name'),
              t('contacts.field.address'),
              t('contacts.field.people'),
              t('contacts.field.owner'),
              ...columns.shown.map((f) => f.field_name),
            ]}
          >
            {rows.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/contacts/organizations/${o.id}`} fw={500} size="sm">
                    {o.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{o.address || <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{o.peopleCount ?? <Text c="dimmed">—</Text>}</Table.Td>
                <Table.Td>{ownerName(o.ownerId)}</Table.Td>
                {columns.shown.map((f) => (
                  <Table.Td key={f.field_code}>
                    <CustomCell field={f} values={o.custom} />
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
      <AddOrganizationDialog opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}
