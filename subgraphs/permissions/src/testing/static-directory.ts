import { DomainError } from '@custos/federation';
import type { Directory, OfficialFacts } from '../directory/directory';

/** A fixed directory for tests: facts by account id, scoped to the caller's city like identity's. */
export function createStaticDirectory(officials: Array<OfficialFacts & { cityId: string }>): Directory {
  const find = (cityId: string, accountId: string) => officials.find((official) => official.cityId === cityId && official.accountId === accountId) ?? null;
  return {
    async me(caller) {
      if (caller.principal.kind !== 'account') throw new DomainError('UNAUTHENTICATED', 'Please log in first.');
      const found = find(caller.principal.cityId, caller.principal.accountId);
      if (!found) throw new DomainError('ACCOUNT_NOT_FOUND', 'Your account was not found.');
      return found;
    },
    async account(caller, accountId) {
      if (caller.principal.kind !== 'account') return null;
      return find(caller.principal.cityId, accountId);
    },
  };
}
