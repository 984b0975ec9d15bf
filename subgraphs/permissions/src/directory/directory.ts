import { createGatewayClient, DomainError } from '@custos/federation';
import type { Principal } from '@custos/auth';

/** What identity knows about an official that the workflows need: roles, agency (and its place in the hierarchy), unit. */
export interface OfficialFacts {
  accountId: string;
  personId: string;
  status: string;
  roles: string[];
  agencyId: string;
  unitId: string | null;
  isVendorStaff: boolean;
  agency: {
    id: string;
    kind: string;
    parentId: string | null;
    /** For a commissioned agency (受委託機關, e.g. a district office): the agency that commissioned it. */
    commissioningAgencyId: string | null;
  };
}

export interface DirectoryCaller {
  principal: Principal;
  delegationToken?: string;
}

/**
 * Identity's facts about officials, asked on the caller's behalf (never with more rights than the
 * caller has). Workflows ask before opening their transaction, so no connection is held while waiting.
 */
export interface Directory {
  /** The caller. */
  me(caller: DirectoryCaller): Promise<OfficialFacts>;
  /** Another account of the caller's city, or null (identity lets admins look accounts up). */
  account(caller: DirectoryCaller, accountId: string): Promise<OfficialFacts | null>;
}

const FACTS = 'id status roles agencyId unitId isVendorStaff person { id } agency { id kind parentId commissioningAgencyId }';

interface RawFacts {
  id: string;
  status: string;
  roles: string[];
  agencyId: string;
  unitId: string | null;
  isVendorStaff: boolean;
  person: { id: string };
  agency: OfficialFacts['agency'];
}

const present = (raw: RawFacts): OfficialFacts => ({
  accountId: raw.id,
  personId: raw.person.id,
  status: raw.status,
  roles: raw.roles,
  agencyId: raw.agencyId,
  unitId: raw.unitId,
  isVendorStaff: raw.isVendorStaff,
  agency: raw.agency,
});

/** The directory through the gateway, with the delegation the gateway gave this request. */
export function createGatewayDirectory(gatewayUrl: string | undefined): Directory {
  const client = gatewayUrl ? createGatewayClient(gatewayUrl) : undefined;
  const token = (caller: DirectoryCaller) => {
    if (!client) throw new DomainError('DIRECTORY_UNAVAILABLE', 'The permissions service cannot reach the gateway to look officials up (GATEWAY_URL is not set).');
    if (caller.principal.kind !== 'account' || !caller.delegationToken) throw new DomainError('DIRECTORY_UNAVAILABLE', 'This request carries no delegation from the gateway.');
    return { client, delegation: caller.delegationToken };
  };
  return {
    async me(caller) {
      const { client: gateway, delegation } = token(caller);
      const data = await gateway.execute<{ me: RawFacts | null }>(delegation, `query { me { ${FACTS} } }`);
      if (!data.me) throw new DomainError('ACCOUNT_NOT_FOUND', 'Your account was not found.');
      return present(data.me);
    },
    async account(caller, accountId) {
      const { client: gateway, delegation } = token(caller);
      const data = await gateway.execute<{ account: RawFacts | null }>(delegation, `query ($id: ID!) { account(id: $id) { ${FACTS} } }`, { id: accountId });
      return data.account ? present(data.account) : null;
    },
  };
}
