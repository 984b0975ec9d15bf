import type { SignedInRoute } from '../shell/signed-in-routes';

export const organisationRoutes: readonly SignedInRoute[] = [];
