import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n/dictionaries';
import { describeBureauError } from './bureau-errors';

const refused = (code: string, message: string) => new CombinedGraphQLErrors({ errors: [{ message, extensions: { code } }] });

describe('a bureau page’s refusal in words', () => {
  it('says what was refused and keeps the server’s reason with its citation', () => {
    const text = describeBureauError(refused('FORBIDDEN', "Changhua's rules do not provide for audits by the bureau (Changhua 8(四))."), dictionaries['zh-TW']);
    expect(text).toContain('不受理');
    expect(text).toContain('Changhua 8(四)');
  });

  it('uses its own wording for a decision already taken', () => {
    expect(describeBureauError(refused('NOT_FOUND', 'not found'), dictionaries.en)).toMatch(/no longer awaits/);
  });

  it('falls back to the console’s wording', () => {
    expect(describeBureauError(refused('INVALID_CURSOR', 'x'), dictionaries.en)).toBe(dictionaries.en['error.INVALID_CURSOR']);
  });
});
