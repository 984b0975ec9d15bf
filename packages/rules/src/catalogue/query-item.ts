import type { ServiceId } from '../ids';

/**
 * One grantable query item of a WebIR service. An item is identified by (service, code, lookup key),
 * never by code alone: C0401 appears twice in the labor-insurance forms (two lookup keys), and
 * C0101/C0201 mean different things in the labor- and health-insurance services.
 */
export interface QueryItem {
  /** `service:code:lookupKey`, e.g. `labor-insurance:C0401:business-number`. Stable: store this. */
  key: string;
  service: ServiceId;
  code: string;
  /** True when the form gives no official code and the catalogue assigned one (see health-insurance.ts). */
  codeIsPlaceholder: boolean;
  /** Kebab-case id of the lookup key; `unspecified` when the form names none. */
  lookupKey: string;
  /** The lookup key as printed on the form (e.g. `以營利事業統一編號查詢`), or null when the form names none. */
  lookupKeyZh: string | null;
  lookupKeyEn: string;
  /** The item's name as printed on the form. */
  nameZh: string;
  nameEn: string;
  /** Row number on the form the item comes from. */
  formRow: number;
  citation: string;
}

export const UNSPECIFIED_LOOKUP_KEY = 'unspecified';

export function itemKey(service: ServiceId, code: string, lookupKey: string): string {
  return `${service}:${code}:${lookupKey}`;
}

interface LookupKey {
  id: string;
  zh: string | null;
  en: string;
}

export function defineItem(
  service: ServiceId,
  citation: string,
  formRow: number,
  code: string,
  nameZh: string,
  nameEn: string,
  lookup: LookupKey,
  codeIsPlaceholder = false,
): QueryItem {
  return {
    key: itemKey(service, code, lookup.id),
    service,
    code,
    codeIsPlaceholder,
    lookupKey: lookup.id,
    lookupKeyZh: lookup.zh,
    lookupKeyEn: lookup.en,
    nameZh,
    nameEn,
    formRow,
    citation: `${citation} item ${formRow}`,
  };
}

export const NO_LOOKUP_KEY: LookupKey = {
  id: UNSPECIFIED_LOOKUP_KEY,
  zh: null,
  en: 'not named on the form',
};
