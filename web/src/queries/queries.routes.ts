import type { SignedInRoute } from '../shell/signed-in-routes';

export const queryRoutes: readonly SignedInRoute[] = [];
