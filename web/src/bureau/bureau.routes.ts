import { lazy } from 'react';
import type { SignedInRoute } from '../shell/signed-in-routes';

/** Officers of a central agency (issue 9): the gateway lets only them read across cities, for their service. */
export const BUREAU_ROLES: readonly string[] = ['BUREAU_OFFICER'];
/** The city's read log of central agencies' reads is the top admin's (query-log: crossCityReads). */
export const CROSS_CITY_READ_LOG_ROLES: readonly string[] = ['TOP_ADMIN'];

export const bureauRoutes: readonly SignedInRoute[] = [
  {
    path: '/bureau/register',
    navLabel: 'bureau.nav.register',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-register-page').then((module) => ({ default: module.BureauRegisterPage }))),
  },
  {
    path: '/bureau/statistics',
    navLabel: 'bureau.nav.statistics',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-statistics-page').then((module) => ({ default: module.BureauStatisticsPage }))),
  },
  {
    path: '/cross-city-reads',
    navLabel: 'bureau.nav.reads',
    roles: CROSS_CITY_READ_LOG_ROLES,
    Page: lazy(() => import('./cross-city-reads-page').then((module) => ({ default: module.CrossCityReadsPage }))),
  },
];
