import { Select, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useSaveMyLocale } from '../../api/users.ts';
import { isLanguage, LANGUAGES, type Language, localeOfLanguage } from '../../i18n/language.ts';
import { useLanguage, useT } from '../../i18n/provider.tsx';

/** Settings → Profile: the user's own language, kept on the server (every device) and on this device. */
export function ProfileSection() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const save = useSaveMyLocale();
  const choose = (l: Language) =>
    save.mutate(localeOfLanguage(l), {
      onSuccess: () => setLanguage(l),
      onError: (e) =>
        notifications.show({ color: 'red', title: t('profile.saveFailed'), message: e.message }),
    });
  return (
    <Stack gap="md" maw={480}>
      <Title order={3}>{t('profile.title')}</Title>
      <Select
        label={t('profile.language')}
        description={t('profile.languageHint')}
        data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
        value={language}
        allowDeselect={false}
        disabled={save.isPending}
        onChange={(v) => isLanguage(v) && v !== language && choose(v)}
      />
    </Stack>
  );
}
