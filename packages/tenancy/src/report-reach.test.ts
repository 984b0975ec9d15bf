import type { AccountPrincipal } from '@custos/auth';
import { describe, expect, it } from 'vitest';
import { countsPerCity, reportReach } from './cross-city-log';

/** Issue 9: whose rows a report aggregate counts. */
const ROLES = ['TOP_ADMIN', 'AUDITOR'] as const;
const city = (roles: string[]): AccountPrincipal => ({ kind: 'account', accountId: 'a', personId: 'p', cityId: 'taoyuan', agencyId: 'g', roles: roles as never });
const bureau = (extra: Partial<AccountPrincipal> = {}): AccountPrincipal =>
  ({ kind: 'account', accountId: 'b', personId: 'q', cityId: 'central', agencyId: 'h', roles: ['BUREAU_OFFICER'], crossCity: { cityIds: ['taoyuan', 'changhua'], service: 'labor-insurance' }, ...extra }) as AccountPrincipal;

describe('reportReach', () => {
  it('a city’s caller counts its own city, may name it, and is refused another or without a report role', () => {
    expect(reportReach(city(['AUDITOR']), null, ROLES)).toEqual({ kind: 'city', cityId: 'taoyuan' });
    expect(reportReach(city(['AUDITOR']), ['taoyuan'], ROLES)).toEqual({ kind: 'city', cityId: 'taoyuan' });
    expect(() => reportReach(city(['AUDITOR']), ['taoyuan', 'tainan'], ROLES)).toThrow(/tainan/);
    expect(() => reportReach(city(['CASEWORKER']), null, ROLES)).toThrow(/roles/);
  });

  it('a bureau counts its reach (or the part it names) of its service; never beyond, and a read-only token too', () => {
    expect(reportReach(bureau(), null, ROLES)).toMatchObject({ kind: 'cross-city', access: { cityIds: ['changhua', 'taoyuan'], service: 'labor-insurance' } });
    expect(reportReach(bureau({ readOnly: true } as Partial<AccountPrincipal>), ['taoyuan'], ROLES)).toMatchObject({ kind: 'cross-city', access: { cityIds: ['taoyuan'] } });
    expect(() => reportReach(bureau(), ['tainan'], ROLES)).toThrow(/tainan/);
    // A reach without the bureau role is no reach.
    expect(() => reportReach(bureau({ roles: ['AUDITOR'] } as Partial<AccountPrincipal>), null, ROLES)).toThrow(/central agency/);
  });

  it('countsPerCity sums each city’s counts', () => {
    expect(countsPerCity([{ c: 'a', n: 2 }, { c: 'b', n: 1 }, { c: 'a', n: 3 }], (r) => r.c, (r) => r.n)).toEqual(new Map([['a', 5], ['b', 1]]));
  });
});
