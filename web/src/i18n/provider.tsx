import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { setFormatLocale } from './format.ts';
import { initialLanguage, intlTagOf, type Language, rememberLanguage } from './language.ts';
import { en, type MessageId, type Messages } from './messages/en.ts';

/** Catalogues other than English load when first chosen, so that English users download none of them. */
const catalogues: Record<Language, () => Promise<Messages>> = {
  en: async () => en,
  sv: async () => (await import('./messages/sv.ts')).sv,
};

interface LanguageState {
  language: Language;
  setLanguage(l: Language): void;
}

const LanguageContext = createContext<LanguageState | null>(null);

/** The web app's language and its messages; children render once the chosen catalogue is loaded. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setState] = useState<Language>(initialLanguage);
  const [loaded, setLoaded] = useState<{ language: Language; messages: Messages } | null>(
    language === 'en' ? { language, messages: en } : null,
  );
  useEffect(() => {
    let live = true;
    void catalogues[language]().then((messages) => live && setLoaded({ language, messages }));
    return () => {
      live = false;
    };
  }, [language]);
  const setLanguage = useCallback((l: Language) => {
    rememberLanguage(l);
    setState(l);
  }, []);
  if (!loaded) return null;
  const tag = intlTagOf(loaded.language);
  setFormatLocale(tag);
  document.documentElement.lang = tag;
  return (
    <LanguageContext.Provider value={{ language: loaded.language, setLanguage }}>
      <IntlProvider key={tag} locale={tag} messages={loaded.messages} defaultLocale="en-US">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageState {
  const s = useContext(LanguageContext);
  if (!s) throw new Error('useLanguage outside <I18nProvider>');
  return s;
}

export type Translate = (id: MessageId, values?: Record<string, string | number | Date>) => string;

/** t('nav.deals') → "Deals" or "Affärer": the one way components get their text. */
export function useT(): Translate {
  const intl = useIntl();
  return useCallback<Translate>((id, values) => intl.formatMessage({ id }, values), [intl]);
}
