import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/dictionaries';
import type { Account } from './account.operations';

export interface PageProps {
  account: Account;
}

export interface SignedInRoute {
  path: string;
  navLabel: MessageKey;
  /** Lazy: each page is its own chunk, loaded when first visited. */
  Page: LazyExoticComponent<ComponentType<PageProps>>;
}

export const SIGNED_IN_ROUTES: readonly SignedInRoute[] = [
  {
    path: '/',
    navLabel: 'nav.home',
    Page: lazy(() => import('../home/home-page').then((module) => ({ default: module.HomePage }))),
  },
];
