import { lazy } from 'react';
import type { SignedInRoute } from '../shell/signed-in-routes';
import { AUDIT_READER_ROLES } from './audit-roles';

export const auditRoutes: readonly SignedInRoute[] = [
  {
    path: '/audits',
    navLabel: 'audit.nav.audits',
    roles: AUDIT_READER_ROLES,
    Page: lazy(() => import('./audits-page').then((module) => ({ default: module.AuditsPage }))),
  },
  {
    path: '/findings',
    navLabel: 'audit.nav.findings',
    roles: AUDIT_READER_ROLES,
    Page: lazy(() => import('./findings-page').then((module) => ({ default: module.FindingsPage }))),
  },
];
