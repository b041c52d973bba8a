/** The languages of the web app, and where the choice is kept between visits. */
export const LANGUAGES = [
  { value: 'en', label: 'English', locale: 'en_US', intl: 'en-US' },
  { value: 'sv', label: 'Svenska', locale: 'sv_SE', intl: 'sv-SE' },
] as const;

export type Language = (typeof LANGUAGES)[number]['value'];

const STORAGE_KEY = 'pw_language';

export const isLanguage = (v: unknown): v is Language => LANGUAGES.some((l) => l.value === v);

/** Pipedrive's user locale (en_US, sv_SE…) as one of our languages; English for any other. */
export const languageOfLocale = (locale: string | null | undefined): Language =>
  locale?.toLowerCase().startsWith('sv') ? 'sv' : 'en';

export const localeOfLanguage = (l: Language) => LANGUAGES.find((x) => x.value === l)?.locale ?? 'en_US';

/** BCP 47 tag for Intl and <html lang>. */
export const intlTagOf = (l: Language) => LANGUAGES.find((x) => x.value === l)?.intl ?? 'en-US';

/**
 * Before log-in: the language last used on this device (kept through log-out), else the browser's.
 * After log-in the user's own setting wins and is remembered here.
 */
export function initialLanguage(): Language {
  try {
    const kept = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(kept)) return kept;
  } catch {
    // storage may be off (private mode): fall through to the browser's language
  }
  return (navigator.languages ?? [navigator.language]).some((l) => l?.toLowerCase().startsWith('sv'))
    ? 'sv'
    : 'en';
}

export function rememberLanguage(l: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, l);
  } catch {
    // not kept: the next visit starts from the browser's language again
  }
}
