import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY, readLanguagePreference, saveLanguagePreference } from './language-preference';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

describe('language preference', () => {
  it('defaults to zh-TW', () => {
    expect(readLanguagePreference(memoryStorage())).toBe('zh-TW');
    expect(readLanguagePreference(undefined)).toBe('zh-TW');
  });

  it('remembers English once chosen', () => {
    const storage = memoryStorage();
    saveLanguagePreference(storage, 'en');
    expect(readLanguagePreference(storage)).toBe('en');
  });

  it('ignores an unsupported stored value', () => {
    expect(readLanguagePreference(memoryStorage({ [LANGUAGE_STORAGE_KEY]: 'fr' }))).toBe('zh-TW');
  });
});
