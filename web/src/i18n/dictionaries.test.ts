import { describe, expect, it } from 'vitest';
import { dictionaries, interpolate, isLanguage, LANGUAGES } from './dictionaries';

const placeholdersOf = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('dictionaries', () => {
  const [zhTW, en] = [dictionaries['zh-TW'], dictionaries.en];

  it('have exactly the same keys in every language', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhTW).sort());
  });

  it('have no empty messages', () => {
    for (const language of LANGUAGES) {
      const empty = Object.entries(dictionaries[language]).filter(([, text]) => text.trim() === '');
      expect(empty, language).toEqual([]);
    }
  });

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(zhTW).filter((key) => {
      const k = key as keyof typeof zhTW;
      return placeholdersOf(zhTW[k]).join() !== placeholdersOf(en[k]).join();
    });
    expect(mismatched).toEqual([]);
  });

  it('name every platform role', () => {
    const roles = ['TOP_ADMIN', 'REVIEWING_OFFICER', 'AGENCY_ADMIN', 'UNIT_ADMIN', 'CASEWORKER', 'AUDITOR',
      'ETHICS_OFFICER', 'IT_OFFICER', 'AGENCY_HEAD', 'UNIT_HEAD', 'BUREAU_OFFICER'];
    for (const role of roles) expect(Object.keys(zhTW)).toContain(`role.${role}`);
  });
});

describe('interpolate', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(interpolate('Welcome, {name}', { name: '王小明' })).toBe('Welcome, 王小明');
    expect(interpolate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(interpolate('no placeholders')).toBe('no placeholders');
  });
});

describe('isLanguage', () => {
  it('accepts only supported languages', () => {
    expect(isLanguage('zh-TW')).toBe(true);
    expect(isLanguage('en')).toBe(true);
    expect(isLanguage('fr')).toBe(false);
    expect(isLanguage(null)).toBe(false);
  });
});
