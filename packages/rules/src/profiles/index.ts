import { validateProfiles } from '../profile-validation';
import type { RuleProfile, RuleProfileInput } from '../schema';
import { changhuaProfile } from './changhua';
import { tainanProfile } from './tainan';
import { taipeiProfile } from './taipei';
import { taoyuanProfile } from './taoyuan';

export { CHANGHUA_ORIGINAL_EFFECTIVE_FROM, CHANGHUA_REVISION_EFFECTIVE_FROM } from './changhua';
export { TAINAN_EFFECTIVE_FROM } from './tainan';
export { TAIPEI_EFFECTIVE_FROM, TAIPEI_REPEALED_ON } from './taipei';
export { TAOYUAN_EFFECTIVE_FROM } from './taoyuan';

/** The profile data as written, before validation (tests break copies of these). */
export const PROFILE_INPUTS: readonly RuleProfileInput[] = [taipeiProfile, taoyuanProfile, changhuaProfile, tainanProfile];

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Validated once, when the package is first imported: a wrong or incomplete profile throws here,
 * naming city, version and field, so no service ever starts on broken rules. Frozen, because every
 * caller shares these objects and one service must not change another's rules.
 */
export const PROFILES: readonly RuleProfile[] = deepFreeze(validateProfiles(PROFILE_INPUTS));
