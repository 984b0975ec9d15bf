import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { dictionaries, interpolate, type Language, type MessageKey, type Messages } from './dictionaries';
import { readLanguagePreference, saveLanguagePreference } from './language-preference';

export interface I18n {
  language: Language;
  messages: Messages;
  setLanguage(language: Language): void;
  t(key: MessageKey, params?: Record<string, string | number>): string;
  /** A platform role's name in the current language (the code itself if the console does not know it yet). */
  roleName(role: string): string;
  /**
   * The translation of a code the gateway sends (a service, a state, a lookup key) under `prefix.`; the code itself
   * when the console has no words for it yet, so a new value shows up rather than disappearing.
   */
  codeLabel(prefix: string, code: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(() => readLanguagePreference(browserStorage()));

  // Before paint, so screen readers and fonts get the right language from the first frame.
  useLayoutEffect(() => {
    document.documentElement.lang = language;
    document.title = dictionaries[language]['app.documentTitle'];
  }, [language]);

  const setLanguage = useCallback((next: Language) => {
    saveLanguagePreference(browserStorage(), next);
    setLanguageState(next);
  }, []);

  const value = useMemo<I18n>(() => {
    const messages = dictionaries[language];
    return {
      language,
      messages,
      setLanguage,
      t: (key, params) => interpolate(messages[key], params),
      roleName: (role) => {
        const key = `role.${role}`;
        return key in messages ? messages[key as MessageKey] : role;
      },
      codeLabel: (prefix, code) => {
        const key = `${prefix}.${code}`;
        return key in messages ? messages[key as MessageKey] : code;
      },
    };
  }, [language, setLanguage]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}
