import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/dictionaries';
import type { Account } from './account.operations';
import { ACCOUNT_LIST_ROLES } from './roles';
import { accessRoutes } from '../access/access.routes';
import { auditRoutes } from '../audit/audit.routes';
import { bureauRoutes } from '../bureau/bureau.routes';
import { organisationRoutes } from '../organisation/organisation.routes';
import { queryRoutes } from '../queries/queries.routes';

export interface PageProps {
  account: Account;
}

export interface SignedInRoute {
  path: string;
  navLabel: MessageKey;
  /** Lazy: each page is its own chunk, loaded when first visited. */
  Page: LazyExoticComponent<ComponentType<PageProps>>;
  /** Only these roles see the page (and its menu entry); every signed-in account when absent. */
  roles?: readonly string[];
  /** Reached by a link from another page (e.g. one application), not listed in the menu. */
  hiddenFromNav?: boolean;
  /**
   * Not listed in the menu of an account whose roles are all among these (the page still opens): a bureau officer
   * holds no grants and keeps no register of their own, so "my access" and "my register" would always be empty.
   */
  hiddenFor?: readonly string[];
}

/** Roles of officials outside any city (issue 9): they read the cities through the bureau pages instead. */
const CROSS_CITY_ONLY: readonly string[] = ['BUREAU_OFFICER'];

const CORE_ROUTES: readonly SignedInRoute[] = [
  {
    path: '/',
    navLabel: 'nav.home',
    Page: lazy(() => import('../home/home-page').then((module) => ({ default: module.HomePage }))),
  },
  {
    path: '/access',
    hiddenFor: CROSS_CITY_ONLY,
    navLabel: 'nav.access',
    Page: lazy(() => import('../access/my-access-page').then((module) => ({ default: module.MyAccessPage }))),
  },
  {
    path: '/register',
    hiddenFor: CROSS_CITY_ONLY,
    navLabel: 'nav.register',
    Page: lazy(() => import('../register/my-register-page').then((module) => ({ default: module.MyRegisterPage }))),
  },
  {
    path: '/query-items',
    navLabel: 'nav.queryItems',
    Page: lazy(() => import('../catalogue/query-items-page').then((module) => ({ default: module.QueryItemsPage }))),
  },
  {
    path: '/calendar',
    hiddenFor: CROSS_CITY_ONLY,
    navLabel: 'nav.calendar',
    Page: lazy(() =>
      import('../calendar/compliance-calendar-page').then((module) => ({ default: module.ComplianceCalendarPage })),
    ),
  },
  {
    path: '/rules',
    navLabel: 'nav.rules',
    Page: lazy(() => import('../rules/rules-page').then((module) => ({ default: module.RulesPage }))),
  },
  {
    path: '/organisation',
    navLabel: 'nav.organisation',
    roles: ACCOUNT_LIST_ROLES,
    Page: lazy(() => import('../organisation/organisation-page').then((module) => ({ default: module.OrganisationPage }))),
  },
];

// Each area of the console lists its own pages beside them (`<area>/<area>.routes.ts`).
export const SIGNED_IN_ROUTES: readonly SignedInRoute[] = [
  ...CORE_ROUTES,
  ...accessRoutes,
  ...queryRoutes,
  ...auditRoutes,
  ...organisationRoutes,
  ...bureauRoutes,
];

export function routeAllows(route: SignedInRoute, roles: readonly string[]): boolean {
  return !route.roles || route.roles.some((role) => roles.includes(role));
}

function hiddenForRoles(route: SignedInRoute, roles: readonly string[]): boolean {
  return !!route.hiddenFor && roles.length > 0 && roles.every((role) => route.hiddenFor!.includes(role));
}

export function visibleRoutes(roles: readonly string[]): SignedInRoute[] {
  return SIGNED_IN_ROUTES.filter((route) => !route.hiddenFromNav && !hiddenForRoles(route, roles) && routeAllows(route, roles));
}

/** The page at a path, if the roles may open it: for links from one page to another (e.g. a home card). */
export function allowedPath(path: string, roles: readonly string[]): boolean {
  const route = SIGNED_IN_ROUTES.find((candidate) => candidate.path === path);
  return !!route && routeAllows(route, roles);
}
