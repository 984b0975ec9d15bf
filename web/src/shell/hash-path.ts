import { useSyncExternalStore } from 'react';

/**
 * Pages inside the signed-in console are addressed by the URL hash (`#/`, later `#/grants`…), so the gateway can
 * serve `dist/` as plain static files without a fallback rule for every page.
 */
export function pathFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
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
