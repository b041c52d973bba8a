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
import { useState } from 'react';
import { useSession } from '../../api/session.tsx';
import { useAddUser, useUsers } from '../../api/users.ts';
import { DialogForm } from '../../components/dialog-form.tsx';
import { Empty, ErrorState, Loading } from '../../components/states.tsx';
import { useT } from '../../i18n/provider.tsx';

function YesNo({ value }: { value: boolean }) {
  const t = useT();
  return (
    <Badge variant="light" color={value ? 'teal' : 'gray'}>
      {t(value ? 'settings.yes' : 'settings.no')}
    </Badge>
  );
}

/** Settings → Users: everyone in the company; admins add users. */
export function UsersSection() {
  const { user: me } = useSession();
  const t = useT();
  const users = useUsers();
  const [adding, setAdding] = useState(false);
  const isAdmin = me.is_admin === 1;

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3}>{t('settings.users.title')}</Title>
        {isAdmin && (
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
            {t('settings.users.add')}
          </Button>
        )}
      </Group>
      {!isAdmin && (
        <Text size="sm" c="dimmed">
          {t('settings.users.onlyAdmins')}
        </Text>
      )}
      {users.isPending ? (
        <Loading label={t('settings.users.loading')} />
      ) : users.isError ? (
        <ErrorState error={users.error} />
      ) : users.data.length === 0 ? (
        <Empty>{t('settings.users.none')}</Empty>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" striped aria-label={t('settings.users.table')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.users.name')}</Table.Th>
                <Table.Th>{t('settings.users.email')}</Table.Th>
                <Table.Th>{t('settings.users.admin')}</Table.Th>
                <Table.Th>{t('settings.users.active')}</Table.Th>
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
                        {t('settings.users.you')}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>
                    <YesNo value={u.is_admin === 1} />
                  </Table.Td>
                  <Table.Td>
                    <YesNo value={u.active_flag} />
                  </Table.Td>
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
  const t = useT();
  const [form, setForm] = useState({ name: '', email: '', password: '', is_admin: false });
  const [errors, setErrors] = useState<{ name?: string; email?: string; password?: string }>({});
  const add = useAddUser();
  const addUser = () =>
    add.mutate(
      { name: form.name.trim(), email: form.email.trim(), password: form.password, is_admin: form.is_admin },
      {
        onSuccess: (user) => {
          notifications.show({ color: 'teal', message: t('settings.users.added', { name: user.name }) });
          onClose();
        },
      },
    );
  const submit = () => {
    const next: typeof errors = {};
    if (!form.name.trim()) next.name = t('settings.nameRequired');
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) next.email = t('settings.users.emailInvalid');
    if (form.password.length < 8) next.password = t('settings.users.passwordShort');
    setErrors(next);
    if (Object.keys(next).length === 0) addUser();
  };
  return (
    <DialogForm
      title={t('settings.users.add')}
      opened
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('settings.users.add')}
      busy={add.isPending}
      error={add.error}
    >
      <TextInput
        label={t('settings.users.name')}
        required
        data-autofocus
        maxLength={255}
        value={form.name}
        error={errors.name}
        onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
      />
      <TextInput
        label={t('settings.users.email')}
        type="email"
        required
        maxLength={255}
        autoComplete="off"
        value={form.email}
        error={errors.email}
        onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
      />
      <PasswordInput
        label={t('settings.users.password')}
        description={t('settings.users.passwordHint')}
        required
        maxLength={200}
        autoComplete="new-password"
        value={form.password}
        error={errors.password}
        onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
      />
      <Switch
        label={t('settings.users.admin')}
        description={t('settings.users.adminHint')}
        checked={form.is_admin}
        onChange={(e) => setForm({ ...form, is_admin: e.currentTarget.checked })}
      />
    </DialogForm>
  );
}
