import type { Language } from './dictionaries';

/** Cities and agencies carry a Chinese name and (usually) an English one; English falls back to Chinese. */
export function localizedName(entity: { name: string; nameEn?: string | null }, language: Language): string {
  return language === 'en' && entity.nameEn ? entity.nameEn : entity.name;
}
