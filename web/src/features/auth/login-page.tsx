import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, setCsrfToken } from '../../api/client.ts';
import { type Session, sessionKey } from '../../api/session.tsx';
import { LanguageSelect } from '../../i18n/language-select.tsx';
import { useT } from '../../i18n/provider.tsx';

export function LoginPage() {
  const qc = useQueryClient();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<Session>('/api/ext/session', { email, password });
      setCsrfToken(res.data.csrf_token);
      qc.setQueryData(sessionKey, res.data);
    } catch (err) {
      setError(err instanceof Error ? err.message : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={380} maw="100%">
        <Stack>
          <Title order={2}>{t('login.title')}</Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('login.email')}
            withAsterisk={false}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('login.password')}
            withAsterisk={false}
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={busy}>
            {t('login.submit')}
          </Button>
          <LanguageSelect label={t('login.language')} />
        </Stack>
      </Paper>
    </Center>
  );
}
