import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useLogIn } from '../../api/session.tsx';
import { LanguageSelect } from '../../i18n/language-select.tsx';
import { useT } from '../../i18n/provider.tsx';

export function LoginPage() {
  const logIn = useLogIn();
  const t = useT();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const busy = logIn.isPending;
  const error = logIn.error ? logIn.error.message || t('login.failed') : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    logIn.mutate({ email, password });
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
