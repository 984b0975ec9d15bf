import { describe, expect, it } from 'vitest';
import { ProfileValidationError } from './errors';
import { validateProfile, validateProfiles } from './profile-validation';
import { PROFILE_INPUTS } from './profiles';
import { changhuaProfile } from './profiles/changhua';
import { taipeiProfile } from './profiles/taipei';
import type { RuleProfileInput } from './schema';

/* A deep copy of a shipped profile to break. */
function copy(profile: RuleProfileInput): any {
  return structuredClone(profile);
}

function validationError(input: unknown): ProfileValidationError {
  try {
    validateProfile(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ProfileValidationError);
    return error as ProfileValidationError;
  }
  throw new Error('expected the profile to be rejected');
}

describe('validateProfile', () => {
  it('accepts every shipped profile', () => {
    expect(validateProfiles(PROFILE_INPUTS).map((p) => `${p.city}/${p.service}`)).toEqual([
      'taipei/labor-insurance',
      'taoyuan/labor-insurance',
      'changhua/labor-insurance',
      'tainan/health-insurance',
    ]);
  });

  it('names city, version and field path of a wrongly typed value', () => {
    const broken = copy(changhuaProfile);
    broken.versions[1].audits.sampling.value.minimum = 'thirty';
    const error = validationError(broken);
    expect(error.code).toBe('INVALID_PROFILE');
    expect(error.issues).toEqual([
      { city: 'changhua', version: 'changhua-labor-insurance-revision', path: 'audits.sampling.value.minimum', message: expect.stringContaining('expected number') },
    ]);
    expect(error.message).toContain('city "changhua", version "changhua-labor-insurance-revision", field "audits.sampling.value.minimum"');
  });

  it('rejects an incomplete profile: a platform role without a mapping', () => {
    const broken = copy(taipeiProfile);
    delete broken.versions[0].roles.UNIT_HEAD;
    const error = validationError(broken);
    expect(error.message).toContain('city "taipei", version "taipei-labor-insurance-2014", field "roles.UNIT_HEAD"');
  });

  it('rejects a rule value without a citation', () => {
    const broken = copy(changhuaProfile);
    delete broken.versions[0].queries.supervisorPreApproval.citation;
    expect(validationError(broken).issues[0]).toMatchObject({ version: 'changhua-labor-insurance-original', path: 'queries.supervisorPreApproval.citation' });
  });

  it('rejects a citation of another city’s rules', () => {
    const broken = copy(changhuaProfile);
    broken.versions[1].queries.outsourcedVendorsBarred.citation = 'Taipei 5(五)';
    expect(validationError(broken).issues).toContainEqual(
      expect.objectContaining({ city: 'changhua', path: 'queries.outsourcedVendorsBarred.citation', message: expect.stringContaining("does not cite Changhua's rules") }),
    );
  });

  it('rejects a platform default that does not explain itself', () => {
    const broken = copy(taipeiProfile);
    delete broken.versions[0].login.lockoutThreshold.note;
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ path: 'login.lockoutThreshold.note' }));
  });

  it('rejects overlapping or gapped versions', () => {
    const broken = copy(changhuaProfile);
    broken.versions[0].effectiveUntil = '2023-06-01';
    expect(validationError(broken).issues).toContainEqual(
      expect.objectContaining({ version: 'changhua-labor-insurance-original', path: 'effectiveUntil', message: expect.stringContaining('contiguous') }),
    );
  });

  it('rejects a repealed last version that does not say how it was repealed', () => {
    const broken = copy(taipeiProfile);
    delete broken.versions[0].repeal;
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ path: 'repeal' }));
  });

  it('rejects a status that contradicts the dates', () => {
    const broken = copy(taipeiProfile);
    broken.versions[0].status = 'in-force';
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ path: 'status' }));
  });

  it('rejects an approval step by a role the city does not have', () => {
    const broken = copy(taipeiProfile);
    broken.versions[0].applications['user-account'].steps[0].role = 'UNIT_HEAD';
    expect(validationError(broken).issues).toContainEqual(
      expect.objectContaining({ path: 'applications.user-account.steps[0].role', message: expect.stringContaining('UNIT_HEAD') }),
    );
  });

  it('rejects an item key that is not in the service’s catalogue', () => {
    const broken = copy(changhuaProfile);
    broken.versions[0].itemEligibility.value.items = ['health-insurance:C0101:national-id'];
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ path: 'itemEligibility.value.items[0]' }));
  });

  it('rejects password rules where passwords are not allowed', () => {
    const broken = copy(changhuaProfile);
    broken.versions[1].login.passwordMaxAgeDays.value = 90;
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ path: 'login.passwordMaxAgeDays.value' }));
  });

  it('rejects a profile for a service the city’s rules do not govern', () => {
    const broken = copy(taipeiProfile);
    broken.service = 'health-insurance';
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ version: '(profile)', path: 'service' }));
  });

  it('rejects two profiles for the same city and service', () => {
    expect(() => validateProfiles([taipeiProfile, taipeiProfile])).toThrow(/a second profile for taipei\/labor-insurance/);
  });

  it('reports the version index when the broken version has no id', () => {
    const broken = copy(changhuaProfile);
    delete broken.versions[1].id;
    expect(validationError(broken).issues).toContainEqual(expect.objectContaining({ version: '#1', path: 'id' }));
  });
});
