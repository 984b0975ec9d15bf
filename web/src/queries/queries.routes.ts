import { lazy } from 'react';
import type { SignedInRoute } from '../shell/signed-in-routes';

/** Supervisors who decide on query requests (主管核可): the requester's unit head, or the agency head. */
export const QUERY_APPROVER_ROLES = ['UNIT_HEAD', 'AGENCY_HEAD'] as const;
/** Who imports the bureau's records: the agency admin (Taipei 8(一)1), or the top admin. */
export const BUREAU_IMPORT_ROLES = ['AGENCY_ADMIN', 'TOP_ADMIN'] as const;
/** Who reads reconciliations: admins, and the auditors and ethics officers who check them. */
export const RECONCILIATION_ROLES = ['UNIT_ADMIN', 'AGENCY_ADMIN', 'TOP_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'] as const;

export const queryRoutes: readonly SignedInRoute[] = [
  {
    path: '/queries/requests',
    navLabel: 'nav.queryRequests',
    roles: ['CASEWORKER'],
    Page: lazy(() => import('./query-requests-page').then((module) => ({ default: module.QueryRequestsPage }))),
  },
  {
    path: '/queries/approvals',
    navLabel: 'nav.queryApprovals',
    roles: QUERY_APPROVER_ROLES,
    Page: lazy(() => import('./approvals-page').then((module) => ({ default: module.QueryApprovalsPage }))),
  },
  {
    path: '/queries/import',
    navLabel: 'nav.bureauImport',
    roles: BUREAU_IMPORT_ROLES,
    Page: lazy(() => import('./bureau-import-page').then((module) => ({ default: module.BureauImportPage }))),
  },
  {
    path: '/queries/reconciliation',
    navLabel: 'nav.reconciliation',
    roles: RECONCILIATION_ROLES,
    Page: lazy(() => import('./reconciliation-page').then((module) => ({ default: module.ReconciliationPage }))),
  },
];
