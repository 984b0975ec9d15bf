import type { CallerFacts, DirectoryAccount, PlatformGateway, QueryDecision, QueryDecisionInput } from '../platform/platform-gateway';

/**
 * The rest of the platform as this subgraph's own tests need it: who each account is (agency, unit,
 * status), the permissions decision, the account directory. Tests set what they need; the calls made
 * are kept so a test can check what was asked (e.g. the network address passed on).
 */
export class FakePlatform implements PlatformGateway {
  accounts = new Map<string, CallerFacts & { username?: string }>();
  decide: (input: QueryDecisionInput, accountId: string) => QueryDecision | Promise<QueryDecision> = () => ({ allowed: true, reasons: [], ruleVersion: 'test-version' });
  decisions: Array<QueryDecisionInput & { accountId: string }> = [];
  unavailable = false;

  addAccount(facts: CallerFacts & { username?: string }): void {
    this.accounts.set(facts.accountId, facts);
  }

  async caller({ principal }: { principal: { accountId: string; agencyId: string } }): Promise<CallerFacts> {
    if (this.unavailable) throw Object.assign(new Error('unavailable'), {});
    return this.accounts.get(principal.accountId) ?? { accountId: principal.accountId, agencyId: principal.agencyId, unitId: null, status: 'ACTIVE' };
  }

  async queryDecision({ principal }: { principal: { accountId: string } }, input: QueryDecisionInput): Promise<QueryDecision> {
    this.decisions.push({ ...input, accountId: principal.accountId });
    return this.decide(input, principal.accountId);
  }

  async visibleAccounts({ principal }: { principal: { agencyId: string; roles: string[] } }): Promise<DirectoryAccount[]> {
    return [...this.accounts.values()]
      .filter((account) => principal.roles.includes('TOP_ADMIN') || account.agencyId === principal.agencyId)
      .filter((account) => account.username)
      .map((account) => ({ id: account.accountId, username: account.username!, agencyId: account.agencyId, unitId: account.unitId }));
  }
}
