import { lazy } from 'react';
import type { SignedInRoute } from '../shell/signed-in-routes';
import { ORGANISATION_READER_ROLES } from './organisation-roles';

export const organisationRoutes: readonly SignedInRoute[] = [
  {
    path: '/account-reviews',
    navLabel: 'org.nav.reviews',
    roles: ORGANISATION_READER_ROLES,
    Page: lazy(() => import('./account-reviews-page').then((module) => ({ default: module.AccountReviewsPage }))),
  },
  {
    path: '/admin-handovers',
    navLabel: 'org.nav.handovers',
    roles: ORGANISATION_READER_ROLES,
    Page: lazy(() => import('./admin-handovers-page').then((module) => ({ default: module.AdminHandoversPage }))),
  },
];
