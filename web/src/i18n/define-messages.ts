/**
 * One area's words in both languages. English is typed against the zh-TW keys, so a key missing from either side
 * fails the typecheck where the words are written, not only in `dictionaries.ts`.
 */
export function defineMessages<const ZhTW extends Record<string, string>>(
  zhTW: ZhTW,
  en: { [Key in keyof ZhTW]: string },
): { zhTW: ZhTW; en: { [Key in keyof ZhTW]: string } } {
  return { zhTW, en };
}
