import type { SignedInRoute } from '../shell/signed-in-routes';

export const auditRoutes: readonly SignedInRoute[] = [];
