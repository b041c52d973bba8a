import {
  Badge,
  Button,
  Group,
  PasswordInput,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../api/session.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { DialogForm } from '../contacts/dialog-form.tsx';
import { useUsers } from '../contacts/queries.ts';

const yesNo = (v: boolean, yes = 'Yes') => (
  <Badge variant="light" color={v ? 'teal' : 'gray'}>
    {v ? yes : 'No'}
  </Badge>
);

/** Settings → Users: everyone in the company; admins add users. */
export function UsersSection() {
  const { user: me } = useSession();
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const isAdmin = me.is_admin === 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>Users</Title>
        {isAdmin && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            Add user
          </Button>
        )}
      </Group>
      {!isAdmin && (
        <Text size="sm" c="dimmed">
          Only admins can add users.
        </Text>
      )}
      {users.isPending ? (
        <Loading label="Loading users" />
      ) : users.isError ? (
        <ErrorState error={users.error} />
      ) : users.data.length === 0 ? (
        <Empty>No users.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" striped aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Admin</Table.Th>
                <Table.Th>Active</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((u) => (
                <Table.Tr key={u.id}>
                  <Table.Td>
                    {u.name}
                    {u.id === me.id && (
                      <Text span c="dimmed" size="sm">
                        {' '}
                        (you)
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{yesNo(u.is_admin === 1)}</Table.Td>
                  <Table.Td>{yesNo(u.active_flag)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {adding && <AddUserDialog onClose={() => setAdding(false)} />}
    </Stack>
  );
}

function AddUserDialog({ onClose }: { onClose: () => void }) {
  const qc = useQueryClient();
  const [form, setForm] = useState({ name: '', email: '', password: '', is_admin: false });
  const [errors, setErrors] = useState<{ name?: string; email?: string; password?: string }>({});
  const add = useMutation({
    mutationFn: () =>
      api.post<{ name: string }>('/api/ext/users', {
        name: form.name.trim(),
        email: form.email.trim(),
        password: form.password,
        is_admin: form.is_admin,
      }),
    onSuccess: (res) => {
      qc.invalidateQueries({ queryKey: ['users'] });
      notifications.show({ color: 'teal', message: `${res.data.name} can now log in` });
      onClose();
    },
  });
  const submit = () => {
    const next: typeof errors = {};
    if (!form.name.trim()) next.name = 'Name is required';
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) next.email = 'Enter an email address';
    if (form.password.length < 8) next.password = 'At least 8 characters';
    setErrors(next);
    if (Object.keys(next).length === 0) add.mutate();
  };
  return (
    <DialogForm
      title="Add user"
      opened
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Add user"
      busy={add.isPending}
      error={add.error}
    >
      <TextInput
        label="Name"
        required
        data-autofocus
        maxLength={255}
        value={form.name}
        error={errors.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
      />
      <TextInput
        label="Email"
        type="email"
        required
        maxLength={255}
        autoComplete="off"
        value={form.email}
        error={errors.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
      />
      <PasswordInput
        label="Password"
        description="At least 8 characters; tell it to the new user."
        required
        maxLength={200}
        autoComplete="new-password"
        value={form.password}
        error={errors.password}
        onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
      />
      <Switch
        label="Admin"
        description="Admins see every record and manage users and settings."
        checked={form.is_admin}
        onChange={(e) => setForm({ ...form, is_admin: e.currentTarget.checked })}
      />
    </DialogForm>
  );
}
