import { describe, expect, it } from 'vitest';
import { ACCOUNTS_QUERY, type AccountRow } from '../organisation/organisation.operations';
import { RULE_COMPARISON_QUERY } from '../rules/rules.operations';
import { createCache } from './apollo-client';

function account(id: string): AccountRow & { __typename: 'Account' } {
  return {
    __typename: 'Account',
    id,
    username: `taoyuan.${id}`,
    roles: ['CASEWORKER'],
    status: 'ACTIVE',
    lastLoginAt: null,
    isVendorStaff: false,
    person: { __typename: 'Person', id: `person-${id}`, displayName: id } as AccountRow['person'],
    agency: { __typename: 'Agency', id: 'agency', name: '社會局', nameEn: 'Social Welfare' } as AccountRow['agency'],
    grants: [],
  };
}

function accountPage(ids: string[], endCursor: string, hasNextPage: boolean) {
  return {
    accounts: {
      __typename: 'AccountConnection',
      totalCount: 4,
      pageInfo: { __typename: 'PageInfo', endCursor, hasNextPage },
      nodes: ids.map(account),
    },
  };
}

describe('the console cache', () => {
  it('appends the next page of accounts to the list already shown', () => {
    const cache = createCache();
    cache.writeQuery({ query: ACCOUNTS_QUERY, variables: { first: 2 }, data: accountPage(['a', 'b'], 'c1', true) });
    cache.writeQuery({ query: ACCOUNTS_QUERY, variables: { first: 2, after: 'c1' }, data: accountPage(['c', 'd'], 'c2', false) });
    const list = cache.readQuery({ query: ACCOUNTS_QUERY, variables: { first: 2 } })?.accounts;
    expect(list?.nodes.map((node) => node.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(list?.pageInfo).toMatchObject({ endCursor: 'c2', hasNextPage: false });
    // Another page size is another list: the home page's count does not read the organisation's pages.
    expect(cache.readQuery({ query: ACCOUNTS_QUERY, variables: { first: 1 } })).toBeNull();
  });

  it('keeps the rule comparison of each date apart, though rows share ids across dates', () => {
    const cache = createCache();
    const comparison = (inForce: boolean) => ({
      cities: [],
      ruleComparison: [
        {
          __typename: 'RuleComparisonRow',
          id: 'status',
          topic: 'Version and effective dates',
          cells: [{ __typename: 'RuleComparisonCell', cityId: 'taipei', inForce, versionId: inForce ? 'v1' : null, text: 'x', citation: 'Taipei 沿革' }],
        },
      ],
    });
    cache.writeQuery({ query: RULE_COMPARISON_QUERY, variables: { on: '2020-01-01' }, data: comparison(true) });
    cache.writeQuery({ query: RULE_COMPARISON_QUERY, variables: { on: '2026-01-01' }, data: comparison(false) });
    const cell = (on: string) => cache.readQuery({ query: RULE_COMPARISON_QUERY, variables: { on } })?.ruleComparison[0]?.cells[0];
    expect(cell('2020-01-01')?.inForce).toBe(true);
    expect(cell('2026-01-01')?.inForce).toBe(false);
  });
});
