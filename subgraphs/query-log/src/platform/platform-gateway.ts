import type { AccountPrincipal } from '@custos/auth';
import { createGatewayClient, DomainError } from '@custos/federation';

/**
 * What this subgraph asks the rest of the graph, always on the caller's behalf (through the gateway
 * with the caller's delegation token, so the answers are authorised and tenant-scoped exactly as if
 * the caller had asked). Behind an interface so that this subgraph's own tests can supply answers.
 */
export interface PlatformGateway {
  /** The caller's account as identity knows it now: agency, unit, status. */
  caller(request: DelegatedRequest): Promise<CallerFacts>;
  /** The permissions decision for one query (grant held, account active, rules in force, hours, network, pre-approval). */
  queryDecision(request: DelegatedRequest, input: QueryDecisionInput): Promise<QueryDecision>;
  /** Accounts the caller may see (an agency admin: the agency's; a top admin: the city's), to map bureau user names. */
  visibleAccounts(request: DelegatedRequest): Promise<DirectoryAccount[]>;
}

/** The parts of a request context a delegated call needs. */
export interface DelegatedRequest {
  principal: AccountPrincipal;
  delegationToken?: string;
}

export interface CallerFacts {
  accountId: string;
  agencyId: string;
  unitId: string | null;
  status: string;
}

export interface QueryDecisionInput {
  itemKey: string;
  at: Date;
  purpose: string;
  networkAddress?: string;
  preApprovalApproved: boolean;
}

export interface DecisionReason {
  code: string;
  message: string;
  citation: string | null;
}

export interface QueryDecision {
  allowed: boolean;
  reasons: DecisionReason[];
  ruleVersion: string | null;
}

export interface DirectoryAccount {
  id: string;
  username: string;
  agencyId: string;
  unitId: string | null;
}

const CALLER = `query QueryLogCaller { me { id agencyId unitId status } }`;
const DECISION = `query ($item: ID!, $at: DateTimeISO, $purpose: String, $net: String, $pre: Boolean) { me { queryDecision(itemKey: $item, at: $at, purpose: $purpose, networkAddress: $net, preApprovalApproved: $pre) { allowed reasons { code message citation } ruleVersion } } }`;
const ACCOUNTS = `query QueryLogAccounts($after: String) { accounts(first: 100, after: $after) { nodes { id username agencyId unitId } pageInfo { hasNextPage endCursor } } }`;

/** A query asking for more than this many pages of accounts is refused rather than looping on. */
const MAX_ACCOUNT_PAGES = 200;

function unavailable(what: string, detail?: string): DomainError {
  return new DomainError('GATEWAY_UNAVAILABLE', `${what} could not be obtained from the platform${detail ? `: ${detail}` : ''}. Nothing was saved; try again.`);
}

/** The real thing: `createGatewayClient(GATEWAY_URL)` with the caller's delegation token. */
export function createPlatformGateway(gatewayUrl: string | undefined): PlatformGateway {
  const client = gatewayUrl ? createGatewayClient(gatewayUrl) : undefined;
  async function ask<T>(request: DelegatedRequest, what: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    if (!client) throw unavailable(what, 'GATEWAY_URL is not configured');
    if (!request.delegationToken) throw unavailable(what, 'the request carries no delegation from the gateway');
    return client.execute<T>(request.delegationToken, query, variables);
  }
  return {
    async caller(request) {
      const data = await ask<{ me: { id: string; agencyId: string; unitId: string | null; status: string } | null }>(request, 'Your account', CALLER);
      if (!data.me) throw unavailable('Your account');
      return { accountId: data.me.id, agencyId: data.me.agencyId, unitId: data.me.unitId ?? null, status: data.me.status };
    },
    async queryDecision(request, input) {
      const data = await ask<{ me: { queryDecision: QueryDecision } | null }>(request, 'The permissions decision', DECISION, {
        item: input.itemKey,
        at: input.at.toISOString(),
        purpose: input.purpose,
        net: input.networkAddress ?? null,
        pre: input.preApprovalApproved,
      });
      const decision = data.me?.queryDecision;
      if (!decision) throw unavailable('The permissions decision');
      return { allowed: decision.allowed === true, reasons: decision.reasons ?? [], ruleVersion: decision.ruleVersion ?? null };
    },
    async visibleAccounts(request) {
      const accounts: DirectoryAccount[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_ACCOUNT_PAGES; page++) {
        const data: { accounts: { nodes: DirectoryAccount[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ask(
          request,
          'The account list',
          ACCOUNTS,
          { after },
        );
        accounts.push(...data.accounts.nodes.map((node) => ({ ...node, unitId: node.unitId ?? null })));
        if (!data.accounts.pageInfo.hasNextPage) return accounts;
        after = data.accounts.pageInfo.endCursor;
      }
      throw unavailable('The account list', 'too many accounts');
    },
  };
}
