import { describe, expect, it } from 'vitest';
import { createNationalIdHasher, maskNationalId, nationalIdProblem, parseNationalId } from './national-id';

describe('national IDs', () => {
  it('accepts valid IDs of citizens and new-format resident certificates', () => {
    for (const id of ['A123456789', 'a123456789', ' F131104093 ', 'A800000014']) expect(nationalIdProblem(id)).toBeNull();
  });

  it('refuses a wrong checksum, a bad shape and an old-format resident number, each with its reason', () => {
    expect(nationalIdProblem('A123456788')).toMatch(/checksum/);
    expect(nationalIdProblem('A12345678')).toMatch(/one letter followed by 9 digits/);
    expect(nationalIdProblem('A323456789')).toMatch(/first digit/);
    expect(nationalIdProblem('AB12345678')).toMatch(/Old-format resident/);
    expect(() => parseNationalId('A123456788', 'person.nationalId')).toThrow(expect.objectContaining({ code: 'INVALID_NATIONAL_ID', details: { field: 'person.nationalId' } }));
  });

  it('masks all but the letter, three digits and the last two', () => {
    expect(maskNationalId('A123456789')).toBe('A123****89');
  });

  it('hashes with a key per city: the same ID hashes differently in two cities, and stably', () => {
    const hasher = createNationalIdHasher({ taoyuan: 'k'.repeat(32) }, 'fallback-secret');
    expect(hasher.hash('taoyuan', 'A123456789')).toBe(hasher.hash('taoyuan', 'A123456789'));
    expect(hasher.hash('taoyuan', 'A123456789')).not.toBe(hasher.hash('tainan', 'A123456789'));
    expect(hasher.hash('tainan', 'A123456789')).toBe(createNationalIdHasher({}, 'fallback-secret').hash('tainan', 'A123456789'));
    expect(hasher.hash('taoyuan', 'A123456789')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the test kit’s national IDs', () => {
  it('are valid and distinct', async () => {
    const { testNationalId } = await import('../testing/national-ids');
    const ids = Array.from({ length: 50 }, (_, n) => testNationalId(n));
    for (const id of ids) expect(nationalIdProblem(id)).toBeNull();
    expect(new Set(ids).size).toBe(50);
  });
});
