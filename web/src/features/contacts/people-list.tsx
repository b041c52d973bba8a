import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { AddPersonDialog } from './add-person-dialog.tsx';
import { ListTable, ListToolbar, LoadMore, useListSearch } from './list-bits.tsx';
import { searchable, usePeopleList, useUserNames } from './queries.ts';

export function PeopleList() {
  const [search, term, setSearch] = useListSearch();
  const [adding, setAdding] = useState(false);
  const list = usePeopleList(term);
  const ownerName = useUserNames();
  const rows = list.data?.pages.flatMap((p) => p.rows) ?? [];

  return (
    <Stack gap="md">
      <ListToolbar
        label="Search people"
        placeholder="Name, email or phone"
        search={search}
        onSearch={setSearch}
        action={<Button onClick={() => setAdding(true)}>+ Person</Button>}
      />
      {list.isPending ? (
        <Loading label="Loading people" />
      ) : list.isError ? (
        <ErrorState error={list.error} />
      ) : rows.length === 0 ? (
        <Empty>
          {searchable(term)
            ? `No people match “${term.trim()}”.`
            : 'No people yet. Add the first one with + Person.'}
        </Empty>
      ) : (
        <>
          <ListTable head={['Name', 'Email', 'Phone', 'Organization', 'Owner']}>
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
