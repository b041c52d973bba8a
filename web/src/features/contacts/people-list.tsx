import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../../i18n/provider.tsx';
import { AddPersonDialog } from './add-person-dialog.tsx';
import { ContactsList } from './contacts-list.tsx';
import { usePeopleList } from './queries.ts';

export function PeopleList() {
  const t = useT();
  return (
    <ContactsList
      list="people"
      entity="person"
      useRows={usePeopleList}
      head={[t('contacts.field.email'), t('contacts.field.phone'), t('contacts.field.organization')]}
      cells={(p) => (
        <>
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
        </>
      )}
      addDialog={(opened, onClose) => <AddPersonDialog opened={opened} onClose={onClose} />}
    />
  );
}
