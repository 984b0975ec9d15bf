import { lazy } from 'react';
import type { SignedInRoute } from '../shell/signed-in-routes';

/** Who decides a step of some application chain (the bureau's decision is recorded by the top admin). */
export const APPROVER_ROLES: readonly string[] = ['UNIT_HEAD', 'AGENCY_HEAD', 'AGENCY_ADMIN', 'REVIEWING_OFFICER', 'TOP_ADMIN'];
/** Who may see an agency's grants matrix (the gateway refuses everyone else). */
export const GRANTS_MATRIX_ROLES: readonly string[] = [
  'TOP_ADMIN',
  'REVIEWING_OFFICER',
  'AGENCY_ADMIN',
  'AGENCY_HEAD',
  'AUDITOR',
  'ETHICS_OFFICER',
  'IT_OFFICER',
  'UNIT_ADMIN',
  'UNIT_HEAD',
];

export const accessRoutes: readonly SignedInRoute[] = [
  {
    path: '/access/apply',
    navLabel: 'access.apply.title',
    hiddenFromNav: true,
    Page: lazy(() => import('./apply-page').then((module) => ({ default: module.ApplyPage }))),
  },
  {
    path: '/access/application',
    navLabel: 'access.application.title',
    hiddenFromNav: true,
    Page: lazy(() => import('./application-page').then((module) => ({ default: module.ApplicationPage }))),
  },
  {
    path: '/access/inbox',
    navLabel: 'access.nav.inbox',
    roles: APPROVER_ROLES,
    Page: lazy(() => import('./approvals-inbox-page').then((module) => ({ default: module.ApprovalsInboxPage }))),
  },
  {
    path: '/access/grants',
    navLabel: 'access.nav.grants',
    roles: GRANTS_MATRIX_ROLES,
    Page: lazy(() => import('./grants-matrix-page').then((module) => ({ default: module.GrantsMatrixPage }))),
  },
  {
    path: '/access/business-items',
    navLabel: 'access.nav.register',
    roles: GRANTS_MATRIX_ROLES,
    Page: lazy(() => import('./business-register-page').then((module) => ({ default: module.BusinessRegisterPage }))),
  },
];
