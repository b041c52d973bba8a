import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { AddOrganizationDialog } from './add-organization-dialog.tsx';
import { ListTable, ListToolbar, LoadMore, useListSearch } from './list-bits.tsx';
import { searchable, useOrganizationsList, useUserNames } from './queries.ts';

export function OrganizationsList() {
  const [search, term, setSearch] = useListSearch();
  const [adding, setAdding] = useState(false);
  const list = useOrganizationsList(term);
  const ownerName = useUserNames();
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Stack gap="md">
      <ListToolbar
        label="Search organizations"
        placeholder="Name or address"
        search={search}
        onSearch={setSearch}
        action={<Button onClick={() => setAdding(true)}>+ Organization</Button>}
      />
      {list.isPending ? (
        <Loading label="Loading organizations" />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {searchable(term)
            ? `No organizations match “${term.trim()}”.`
            : 'No organizations yet. Add the first one with + Organization.'}
        </Empty>
      ) : (
        <>
          <ListTable head={['Name', 'Address', 'People', 'Owner']}>
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
