import { DEFAULT_LANGUAGE, isLanguage, type Language } from './dictionaries';

/** The person's language choice, remembered across visits in localStorage. zh-TW unless they chose English. */
export const LANGUAGE_STORAGE_KEY = 'custos.language';

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readLanguagePreference(storage: KeyValueStorage | undefined): Language {
  try {
    const stored = storage?.getItem(LANGUAGE_STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

export function saveLanguagePreference(storage: KeyValueStorage | undefined, language: Language): void {
  try {
    storage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage unavailable (privacy mode): the choice lasts for this page only.
  }
}
