import { describe, expect, it } from 'vitest';
import { DecisionInputsCache } from './decision-inputs.cache';
import { isAddressInNetworks } from './networks';

const inputs = { userGrants: [{ itemKey: 'k', from: 0, until: null }] };

describe('the decision-inputs cache', () => {
  it('serves nothing until the change listener is connected, and nothing after it drops', () => {
    const cache = new DecisionInputsCache();
    cache.setAccount('taoyuan', 'a', inputs, cache.epoch);
    expect(cache.getAccount('taoyuan', 'a')).toBeUndefined();
    cache.enable();
    cache.setAccount('taoyuan', 'a', inputs, cache.epoch);
    expect(cache.getAccount('taoyuan', 'a')).toEqual(inputs);
    cache.disable();
    expect(cache.getAccount('taoyuan', 'a')).toBeUndefined();
  });

  it("keys by city: one city's entry never answers another's", () => {
    const cache = new DecisionInputsCache();
    cache.enable();
    cache.setAccount('taoyuan', 'a', inputs, cache.epoch);
    expect(cache.getAccount('tainan', 'a')).toBeUndefined();
  });

  it('never stores a load that began before a change (a read racing a revoke)', () => {
    const cache = new DecisionInputsCache();
    cache.enable();
    const began = cache.epoch;
    cache.invalidate({ city: 'taoyuan', account: 'a' }); // the revoke's notification arrives mid-load
    cache.setAccount('taoyuan', 'a', inputs, began);
    expect(cache.getAccount('taoyuan', 'a')).toBeUndefined();
  });

  it("drops an account's, an agency's, or a whole city's entries on notice, and expires entries as a safety net", () => {
    let now = 0;
    const cache = new DecisionInputsCache({ ttlMs: 1_000, now: () => now });
    cache.enable();
    cache.setAccount('taoyuan', 'a', inputs, cache.epoch);
    cache.setAgency('taoyuan', 'g', { agencyGrants: [], networks: [] }, cache.epoch);
    cache.setAgency('tainan', 'g', { agencyGrants: [], networks: [] }, cache.epoch);
    cache.invalidate({ city: 'taoyuan', agency: 'g' });
    expect(cache.getAgency('taoyuan', 'g')).toBeUndefined();
    expect(cache.getAccount('taoyuan', 'a')).toEqual(inputs);
    cache.invalidate({ city: 'taoyuan' });
    expect(cache.getAccount('taoyuan', 'a')).toBeUndefined();
    expect(cache.getAgency('tainan', 'g')).toBeDefined();
    now = 1_000;
    expect(cache.getAgency('tainan', 'g')).toBeUndefined();
  });

  it('bounds its size, dropping the oldest entries', () => {
    const cache = new DecisionInputsCache({ maxEntries: 2 });
    cache.enable();
    for (const id of ['a', 'b', 'c']) cache.setAccount('taoyuan', id, inputs, cache.epoch);
    expect(cache.getAccount('taoyuan', 'a')).toBeUndefined();
    expect(cache.getAccount('taoyuan', 'c')).toEqual(inputs);
  });
});

describe('office networks', () => {
  it('matches IPv4, IPv6 and IPv4-mapped addresses against CIDR networks', () => {
    expect(isAddressInNetworks('10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressInNetworks('11.1.2.3', ['10.0.0.0/8'])).toBe(false);
    expect(isAddressInNetworks('::ffff:10.1.2.3', ['10.0.0.0/8'])).toBe(true);
    expect(isAddressInNetworks('2001:db8::1', ['2001:db8::/32'])).toBe(true);
    expect(isAddressInNetworks('2001:db9::1', ['2001:db8::/32'])).toBe(false);
    expect(isAddressInNetworks('10.1.2.3', [])).toBe(false);
  });
});
