import { Table, Text } from '@mantine/core';
import { useT } from '../../i18n/provider.tsx';
import { AddOrganizationDialog } from './add-organization-dialog.tsx';
import { ContactsList } from './contacts-list.tsx';
import { useOrganizationsList } from './queries.ts';

export function OrganizationsList() {
  const t = useT();
  return (
    <ContactsList
      list="organizations"
      entity="organization"
      useRows={useOrganizationsList}
      head={[t('contacts.field.address'), t('contacts.field.people')]}
      cells={(o) => (
        <>
          <Table.Td>{o.address || <Text c="dimmed">—</Text>}</Table.Td>
          <Table.Td>{o.peopleCount ?? <Text c="dimmed">—</Text>}</Table.Td>
        </>
      )}
      addDialog={(opened, onClose) => <AddOrganizationDialog opened={opened} onClose={onClose} />}
    />
  );
}
