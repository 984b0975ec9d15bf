import { describe, expect, it } from 'vitest';
import { pathFromHash } from './hash-path';

describe('pathFromHash', () => {
  it('reads the page path from the hash, defaulting to home', () => {
    expect(pathFromHash('')).toBe('/');
    expect(pathFromHash('#')).toBe('/');
    expect(pathFromHash('#/')).toBe('/');
    expect(pathFromHash('#/grants')).toBe('/grants');
    expect(pathFromHash('#something-else')).toBe('/');
  });
});

describe('pathFromHash with escapes', () => {
  it('decodes escapes and tolerates malformed ones', () => {
    expect(pathFromHash('#/audits/%E5%BD%B0')).toBe('/audits/彰');
    expect(pathFromHash('#/bad%E0')).toBe('/bad%E0');
  });
});
