import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, setCsrfToken } from '../../api/client.ts';
import { type Session, sessionKey } from '../../api/session.tsx';

/** First run: an empty database creates its company and admin here. */
export function SetupPage() {
  const qc = useQueryClient();
  const [form, setForm] = useState({ company_name: '', name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<Session>('/api/ext/setup', form);
      setCsrfToken(res.data.csrf_token);
      qc.setQueryData(['setup'], { needs_setup: false });
      qc.setQueryData(sessionKey, res.data);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Set-up failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack>
          <Title order={2}>Welcome to Pipewright</Title>
          <Text c="dimmed">Create your company and its first admin.</Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label="Company name" required value={form.company_name} onChange={set('company_name')} />
          <TextInput label="Your name" required value={form.name} onChange={set('name')} />
          <TextInput label="Email" type="email" required value={form.email} onChange={set('email')} />
          <PasswordInput
            label="Password"
            description="At least 8 characters"
            required
            minLength={8}
            value={form.password}
            onChange={set('password')}
          />
          <Button type="submit" loading={busy}>
            Create company
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
