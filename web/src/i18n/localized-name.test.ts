import { describe, expect, it } from 'vitest';
import { localizedName } from './localized-name';

describe('localizedName', () => {
  const changhua = { name: '彰化縣', nameEn: 'Changhua County' };

  it('shows the Chinese name in zh-TW and the English name in English', () => {
    expect(localizedName(changhua, 'zh-TW')).toBe('彰化縣');
    expect(localizedName(changhua, 'en')).toBe('Changhua County');
  });

  it('falls back to the Chinese name when there is no English one', () => {
    expect(localizedName({ name: '社會處', nameEn: null }, 'en')).toBe('社會處');
    expect(localizedName({ name: '社會處', nameEn: '' }, 'en')).toBe('社會處');
  });
});
