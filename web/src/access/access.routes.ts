import type { SignedInRoute } from '../shell/signed-in-routes';

export const accessRoutes: readonly SignedInRoute[] = [];
