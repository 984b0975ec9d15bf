import { describe, expect, it } from 'vitest';
import { visibleRoutes } from '../shell/signed-in-routes';
import { registerScopes } from '../register/my-register-page';
import { importShare, isFinished } from './bureau-import-page';
import { isMonth, previousMonth } from './reconciliation-page';

const paths = (roles: string[]) => visibleRoutes(roles).map((route) => route.path).filter((path) => path.startsWith('/queries/'));

describe('the Queries pages', () => {
  it('are offered to the roles the query-log service lets do each thing', () => {
    expect(paths(['CASEWORKER'])).toEqual(['/queries/requests']);
    // The demo unit head is also the unit admin: approvals and the unit's reconciliation.
    expect(paths(['UNIT_HEAD', 'UNIT_ADMIN'])).toEqual(['/queries/approvals', '/queries/reconciliation']);
    expect(paths(['AGENCY_HEAD'])).toEqual(['/queries/approvals']);
    expect(paths(['AGENCY_ADMIN'])).toEqual(['/queries/import', '/queries/reconciliation']);
    expect(paths(['AUDITOR', 'ETHICS_OFFICER'])).toEqual(['/queries/reconciliation']);
    expect(paths(['IT_OFFICER'])).toEqual([]);
  });

  it('offer each role the registers it may read', () => {
    expect(registerScopes(['CASEWORKER'])).toEqual(['OWN']);
    expect(registerScopes(['UNIT_HEAD', 'UNIT_ADMIN'])).toEqual(['OWN', 'UNIT']);
    expect(registerScopes(['AGENCY_ADMIN'])).toEqual(['OWN', 'AGENCY']);
    expect(registerScopes(['UNIT_HEAD'])).toEqual(['OWN']);
  });

  it('show an import’s progress by bytes until it finishes', () => {
    expect(importShare({ status: 'QUEUED', phase: 'QUEUED', progress: null })).toBe(0);
    expect(importShare({ status: 'RUNNING', phase: 'READING', progress: 0.42 })).toBe(0.42);
    expect(importShare({ status: 'FAILED', phase: 'DONE', progress: 0.3 })).toBe(1);
    expect(isFinished({ status: 'SUCCEEDED' })).toBe(true);
    expect(isFinished({ status: 'RUNNING' })).toBe(false);
  });

  it('open the reconciliation on the month due (the previous one, in Taiwan)', () => {
    expect(previousMonth('2026-11-25')).toBe('2026-10');
    expect(previousMonth('2027-01-05')).toBe('2026-12');
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-1')).toBe(false);
  });
});
