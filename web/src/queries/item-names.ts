import { useCallback, useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import type { QueryItem } from '../access/access.operations';
import { useI18n } from '../i18n/i18n-context';
import { localizedName } from '../i18n/localized-name';
import { ITEM_CATALOGUE_QUERY } from '../register/register.operations';

/**
 * Requests and register entries carry only item keys; the two catalogues name them ("C0101 被保險人投保資料").
 * Until the catalogues arrive (or for a key they no longer list) the key itself is shown.
 */
export function useItemNames() {
  const { language } = useI18n();
  const catalogue = useQuery(ITEM_CATALOGUE_QUERY);
  const items = useMemo(() => {
    const byKey = new Map<string, QueryItem>();
    for (const item of [...(catalogue.data?.labor ?? []), ...(catalogue.data?.health ?? [])]) byKey.set(item.key, item);
    return byKey;
  }, [catalogue.data]);
  const itemName = useCallback(
    (key: string) => {
      const item = items.get(key);
      return item ? `${item.code} ${localizedName(item, language)}` : key;
    },
    [items, language],
  );
  return { items, itemName };
}
