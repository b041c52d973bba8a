import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useSetUp } from '../../api/session.tsx';
import { localeOfLanguage } from '../../i18n/language.ts';
import { LanguageSelect } from '../../i18n/language-select.tsx';
import { useLanguage, useT } from '../../i18n/provider.tsx';

/**
 * First run: an empty database creates its company and admin here, in the language chosen on this page
 * (kept on this device, and sent as the admin's own language).
 */
export function SetupPage() {
  const setUp = useSetUp();
  const t = useT();
  const { language } = useLanguage();
  const [form, setForm] = useState({ company_name: '', name: '', email: '', password: '' });
  const busy = setUp.isPending;
  const error = setUp.error ? setUp.error.message || t('auth.setup.failed') : null;
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setUp.mutate({ ...form, locale: localeOfLanguage(language) });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={420} maw="100%">
        <Stack>
          <Title order={2}>{t('auth.setup.title')}</Title>
          <Text c="dimmed">{t('auth.setup.intro')}</Text>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput
            label={t('auth.setup.company')}
            required
            value={form.company_name}
            onChange={set('company_name')}
          />
          <TextInput label={t('auth.setup.name')} required value={form.name} onChange={set('name')} />
          <TextInput
            label={t('auth.setup.email')}
            type="email"
            required
            value={form.email}
            onChange={set('email')}
          />
          <PasswordInput
            label={t('auth.setup.password')}
            description={t('auth.setup.passwordHint')}
            required
            minLength={8}
            value={form.password}
            onChange={set('password')}
          />
          <Button type="submit" loading={busy}>
            {t('auth.setup.submit')}
          </Button>
          <LanguageSelect label={t('auth.setup.language')} />
        </Stack>
      </Paper>
    </Center>
  );
}
