import { describe, expect, it } from 'vitest';
import { allowedPath, SIGNED_IN_ROUTES, visibleRoutes } from './signed-in-routes';

describe('signed-in routes', () => {
  it('have unique paths that start with a slash', () => {
    const paths = SIGNED_IN_ROUTES.map((route) => route.path);
    expect(new Set(paths).size).toBe(paths.length);
    for (const path of paths) expect(path.startsWith('/')).toBe(true);
  });

  it('show the organisation only to the admins who may list accounts', () => {
    const paths = (roles: string[]) => visibleRoutes(roles).map((route) => route.path);
    expect(paths(['CASEWORKER'])).not.toContain('/organisation');
    expect(paths(['AUDITOR', 'ETHICS_OFFICER'])).not.toContain('/organisation');
    expect(paths(['TOP_ADMIN'])).toContain('/organisation');
    expect(paths(['AGENCY_ADMIN'])).toContain('/organisation');
    expect(paths(['CASEWORKER'])).toEqual(['/', '/access', '/register', '/query-items', '/calendar', '/rules', '/queries/requests']);
  });

  it('offer a bureau officer the cross-city pages, not a city official’s own ones', () => {
    const paths = (roles: string[]) => visibleRoutes(roles).map((route) => route.path);
    expect(paths(['BUREAU_OFFICER'])).toEqual([
      '/',
      '/query-items',
      '/rules',
      '/bureau/register',
      '/bureau/statistics',
      '/bureau/applications',
      '/bureau/audits',
      '/bureau/findings',
      '/bureau/audit-requests',
    ]);
    expect(paths(['TOP_ADMIN'])).not.toContain('/bureau/applications');
    expect(paths(['CASEWORKER'])).not.toContain('/bureau/register');
    expect(paths(['TOP_ADMIN'])).toContain('/cross-city-reads');
    expect(paths(['AUDITOR'])).not.toContain('/cross-city-reads');
  });

  it('let a card link only to a page its reader may open', () => {
    expect(allowedPath('/access/inbox', ['UNIT_HEAD'])).toBe(true);
    expect(allowedPath('/access/inbox', ['UNIT_ADMIN'])).toBe(false);
    expect(allowedPath('/queries/requests', ['CASEWORKER'])).toBe(true);
    expect(allowedPath('/no-such-page', ['TOP_ADMIN'])).toBe(false);
  });
});
