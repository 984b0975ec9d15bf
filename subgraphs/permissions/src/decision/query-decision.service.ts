import type { AccountPrincipal } from '@custos/auth';
import { ForbiddenError, InputError } from '@custos/federation';
import { isCityId } from '@custos/rules';
import { hasAnyRole } from '@custos/tenancy';
import type { createDecisionInputLoaders } from './decision-inputs.loader';
import { isValidAddress } from './networks';
import { decideQuery, type Decision, type DecisionAccount } from './query-decision';

export interface DecisionQuestion {
  itemKey: string;
  at: Date | null;
  purpose: string | null;
  networkAddress: string | null;
  preApprovalApproved: boolean | null;
}

export const MAX_PURPOSE_LENGTH = 500;

/** Only the account itself, or an admin of its city or agency, may ask what it may query. */
export function assertMayAskAbout(viewer: AccountPrincipal, account: DecisionAccount): void {
  if (viewer.accountId === account.id) return;
  if (hasAnyRole(viewer, ['TOP_ADMIN'])) return;
  if (hasAnyRole(viewer, ['AGENCY_ADMIN']) && viewer.agencyId === account.agencyId) return;
  throw new ForbiddenError("Only the account itself, or an admin of its agency or city, may ask for this account's query decisions.");
}

export class QueryDecisionService {
  /**
   * The decision for `account` (as identity describes it) in `cityId`, the caller's city: grants are
   * read through loaders bound to that city (and row-level security), so another city's account holds nothing here.
   */
  async decide(cityId: string, account: DecisionAccount, question: DecisionQuestion, loaders: ReturnType<typeof createDecisionInputLoaders>, now: Date): Promise<Decision> {
    if (question.purpose !== null && question.purpose.length > MAX_PURPOSE_LENGTH) {
      throw new InputError('PURPOSE_TOO_LONG', `Write the purpose in at most ${MAX_PURPOSE_LENGTH} characters.`, 'purpose');
    }
    if (question.networkAddress !== null && !isValidAddress(question.networkAddress)) {
      throw new InputError('INVALID_NETWORK_ADDRESS', `"${question.networkAddress}" is not an IPv4 or IPv6 address.`, 'networkAddress');
    }
    if (!isCityId(cityId)) throw new ForbiddenError('Your city has no rules on this platform.');
    const [accountInputs, agencyInputs] = await Promise.all([loaders.accounts.load(account.id), loaders.agencies.load(account.agencyId)]);
    return decideQuery({
      cityId,
      account,
      itemKey: question.itemKey,
      at: question.at ?? now,
      networkAddress: question.networkAddress,
      preApprovalApproved: question.preApprovalApproved,
      userGrants: accountInputs.userGrants,
      agencyGrants: agencyInputs.agencyGrants,
      networks: agencyInputs.networks,
      decidedAt: now,
    });
  }
}
