import { describe, expect, it } from 'vitest';
import { hashOf, paramsFromHash, pathFromHash } from './hash-path';

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

describe('a query in the hash', () => {
  it('is not part of the page path, and is read as parameters', () => {
    expect(pathFromHash('#/access/application?id=42')).toBe('/access/application');
    expect(paramsFromHash('#/access/application?id=42&x=%E5%BD%B0').get('id')).toBe('42');
    expect(paramsFromHash('#/access/application?id=42&x=%E5%BD%B0').get('x')).toBe('彰');
    expect(paramsFromHash('#/access').get('id')).toBeNull();
  });
});

describe('hashOf', () => {
  it('writes a page with its parameters, leaving out empty ones, and reads back the same', () => {
    expect(hashOf('/audits')).toBe('#/audits');
    expect(hashOf('/audits', { id: 'a b', other: '', none: null })).toBe('#/audits?id=a+b');
    const hash = hashOf('/bureau/register', { city: 'taoyuan', from: '2026-01-01' });
    expect(pathFromHash(hash)).toBe('/bureau/register');
    expect(paramsFromHash(hash).get('city')).toBe('taoyuan');
    expect(paramsFromHash(hash).get('from')).toBe('2026-01-01');
  });
});
