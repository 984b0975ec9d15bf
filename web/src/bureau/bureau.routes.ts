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
    path: '/bureau/applications',
    navLabel: 'bureau.nav.applications',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-applications-page').then((module) => ({ default: module.BureauApplicationsPage }))),
  },
  {
    path: '/bureau/audits',
    navLabel: 'bureau.nav.audits',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-audits-page').then((module) => ({ default: module.BureauAuditsPage }))),
  },
  {
    path: '/bureau/findings',
    navLabel: 'bureau.nav.findings',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-findings-page').then((module) => ({ default: module.BureauFindingsPage }))),
  },
  {
    path: '/bureau/audit-requests',
    navLabel: 'bureau.nav.requests',
    roles: BUREAU_ROLES,
    Page: lazy(() => import('./bureau-audit-requests-page').then((module) => ({ default: module.BureauAuditRequestsPage }))),
  },
  {
    path: '/cross-city-reads',
    navLabel: 'bureau.nav.reads',
    roles: CROSS_CITY_READ_LOG_ROLES,
    Page: lazy(() => import('./cross-city-reads-page').then((module) => ({ default: module.CrossCityReadsPage }))),
  },
];
