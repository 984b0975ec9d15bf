import { describe, expect, it } from 'vitest';
import { crossCityReachOf } from './token-claims';

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: unknown) => `${part({ alg: 'EdDSA' })}.${part(claims)}.signature`;

describe('crossCityReachOf', () => {
  it('reads a bureau officer’s cities and service, sorted and once each', () => {
    expect(crossCityReachOf(token({ sub: 'a', reach: { cityIds: ['taoyuan', 'changhua', 'taoyuan'], service: 'labor-insurance' } }))).toEqual({
      cityIds: ['changhua', 'taoyuan'],
      service: 'labor-insurance',
    });
  });

  it('reads Chinese text in other claims without failing', () => {
    expect(crossCityReachOf(token({ name: '勞保查核', reach: { cityIds: ['tainan'], service: 'health-insurance' } }))?.cityIds).toEqual(['tainan']);
  });

  it('gives nothing for a city’s own token, an unknown service or a token it cannot read', () => {
    expect(crossCityReachOf(token({ sub: 'a', city: 'taoyuan' }))).toBeNull();
    expect(crossCityReachOf(token({ reach: { cityIds: ['taoyuan'], service: 'everything' } }))).toBeNull();
    expect(crossCityReachOf('not-a-jwt')).toBeNull();
    expect(crossCityReachOf('a.%%%.c')).toBeNull();
    expect(crossCityReachOf(null)).toBeNull();
  });
});
