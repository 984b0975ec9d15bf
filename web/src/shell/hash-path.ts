import { useSyncExternalStore } from 'react';

/**
 * Pages inside the signed-in console are addressed by the URL hash (`#/`, later `#/grants`…), so the gateway can
 * serve `dist/` as plain static files without a fallback rule for every page.
 */
export function pathFromHash(hash: string): string {
  // `#/access/application?id=…`: the page is the part before the query.
  const raw = hash.replace(/^#/, '').split('?')[0]!;
  let path: string;
  try {
    path = decodeURI(raw);
  } catch {
    path = raw; // malformed %-escape: compare as typed
  }
  return path.startsWith('/') ? path : '/';
}

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, () => pathFromHash(window.location.hash));
}

/** The query part of the hash (`#/page?id=…`), for pages that show one thing of many. */
export function paramsFromHash(hash: string): URLSearchParams {
  const index = hash.indexOf('?');
  return new URLSearchParams(index >= 0 ? hash.slice(index + 1) : '');
}

export function useHashParams(): URLSearchParams {
  const query = useSyncExternalStore(subscribe, () => {
    const index = window.location.hash.indexOf('?');
    return index >= 0 ? window.location.hash.slice(index + 1) : '';
  });
  return new URLSearchParams(query);
}

/**
 * The hash of a page with its parameters (`#/bureau/register?city=taoyuan`); empty values are left out, so a
 * cleared filter leaves a clean address. Assigning it to `location.hash` adds a history entry (back works).
 */
export function hashOf(path: string, params: Record<string, string | null | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

/** Goes to a page (or the same page with other parameters), as a link would: a new history entry. */
export function navigateTo(path: string, params?: Record<string, string | null | undefined>): void {
  window.location.hash = hashOf(path, params);
}
