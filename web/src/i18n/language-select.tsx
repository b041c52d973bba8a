import { Select } from '@mantine/core';
import { isLanguage, LANGUAGES } from './language.ts';
import { useLanguage } from './provider.tsx';

/** The small language choice of the pages before log-in (log-in, first-run set-up): remembered here. */
export function LanguageSelect({ label }: { label: string }) {
  const { language, setLanguage } = useLanguage();
  return (
    <Select
      label={label}
      size="xs"
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
      value={language}
      allowDeselect={false}
      onChange={(v) => isLanguage(v) && setLanguage(v)}
    />
  );
}
