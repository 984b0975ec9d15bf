import { cityInfo, findItem, isWithinOfficeHours, rules, type CityId, type RuleVersion } from '@custos/rules';
import { isAddressInNetworks } from './networks';

/** Why a query is refused. Stable: the query log stores these codes with every recorded query. */
export type DecisionReasonCode =
  | 'UNKNOWN_ITEM'
  | 'ACCOUNT_NOT_ACTIVE'
  | 'VENDOR_STAFF'
  | 'RULES_NOT_IN_FORCE'
  | 'ITEM_NOT_IN_SERVICE'
  | 'ITEM_NOT_ELIGIBLE'
  | 'GRANT_NOT_HELD'
  | 'AGENCY_GRANT_NOT_HELD'
  | 'OUTSIDE_OFFICE_HOURS'
  | 'OUTSIDE_OFFICE_NETWORK'
  | 'PRE_APPROVAL_REQUIRED';

export interface DecisionReason {
  code: DecisionReasonCode;
  message: string;
  citation: string | null;
}

export interface Decision {
  allowed: boolean;
  reasons: DecisionReason[];
  ruleVersion: string | null;
  decidedAt: Date;
}

/** A period something held: from `from` until `until` (exclusive; null while it still holds). */
export interface Span {
  from: number;
  until: number | null;
}

export interface UserGrantSpan extends Span {
  itemKey: string;
}

export interface AgencyGrantSpan extends Span {
  itemKey: string;
  /** The day the grant's legal basis was repealed (YYYY-MM-DD, Taiwan calendar), if it was. */
  basisRepealedOn: string | null;
}

export interface NetworkSpan extends Span {
  network: string;
}

/** The account as identity knows it (the fields queryDecision @requires). */
export interface DecisionAccount {
  id: string;
  status: string;
  isVendorStaff: boolean;
  agencyId: string;
  unitId: string | null;
}

export interface DecisionFacts {
  cityId: CityId;
  account: DecisionAccount;
  itemKey: string;
  /** The moment of the query. */
  at: Date;
  networkAddress: string | null;
  preApprovalApproved: boolean | null;
  /** The account's user grants, current and past. */
  userGrants: readonly UserGrantSpan[];
  /** The account's agency's grants, current and past. */
  agencyGrants: readonly AgencyGrantSpan[];
  /** The account's agency's office networks, current and past. */
  networks: readonly NetworkSpan[];
  decidedAt: Date;
}

const holdsAt = (span: Span, at: number) => span.from <= at && (span.until === null || at < span.until);

/** The Taiwan calendar date of an instant (YYYY-MM-DD). */
function taiwanDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * May this account query this item at this moment? Every reason that applies is returned, each
 * citing the rule that says so; the query is allowed only when there is none. Pure: the caller
 * loads the grants (cached) and passes them in.
 */
export function decideQuery(facts: DecisionFacts): Decision {
  const reasons: DecisionReason[] = [];
  const at = facts.at.getTime();
  const city = cityInfo(facts.cityId);
  const lookup = rules.at(facts.cityId, city.service, facts.at);
  const version: RuleVersion | null = lookup.inForce ? lookup.version : null;
  // Vendor staff are barred under the version in force, or the one that last applied after a repeal.
  const barVersion = version ?? (lookup.inForce ? null : lookup.lastVersion);
  const item = findItem(facts.itemKey);

  if (!item) {
    reasons.push({ code: 'UNKNOWN_ITEM', message: `"${facts.itemKey}" is not a query item of either WebIR service.`, citation: null });
  }
  if (facts.account.status !== 'ACTIVE') {
    reasons.push({ code: 'ACCOUNT_NOT_ACTIVE', message: `The account is ${facts.account.status.toLowerCase()}, not active: it may not query.`, citation: null });
  }
  if (facts.account.isVendorStaff) {
    const bar = barVersion?.queries.outsourcedVendorsBarred;
    if (bar === undefined || bar.value) {
      reasons.push({
        code: 'VENDOR_STAFF',
        message: 'Outsourced vendor staff may never query citizens’ insurance data (不得授權委外廠商使用).',
        citation: bar?.citation ?? null,
      });
    }
  }
  if (!lookup.inForce) {
    reasons.push({ code: 'RULES_NOT_IN_FORCE', message: lookup.message, citation: lookup.citation });
  }
  if (item && item.service !== city.service) {
    reasons.push({
      code: 'ITEM_NOT_IN_SERVICE',
      message: `${item.key} is an item of the ${item.service} service; ${city.citationName}'s rules govern the ${city.service} service only.`,
      citation: null,
    });
  }
  if (item && version) {
    const eligibility = version.itemEligibility;
    if (eligibility.value.mode === 'listed-items-only' && !eligibility.value.items.includes(item.key)) {
      reasons.push({
        code: 'ITEM_NOT_ELIGIBLE',
        message: `On ${lookup.date} the rules allow only ${eligibility.value.items.join(', ')}; ${item.key} may not be queried.`,
        citation: eligibility.citation,
      });
    }
  }
  if (item) {
    if (!facts.userGrants.some((grant) => grant.itemKey === item.key && holdsAt(grant, at))) {
      reasons.push({ code: 'GRANT_NOT_HELD', message: `The account holds no grant of ${item.key} (${item.nameZh}) at this time.`, citation: version ? formCitation(version, 'user-application') : null });
    }
    const date = taiwanDate(facts.at);
    const agencyGrants = facts.agencyGrants.filter((grant) => grant.itemKey === item.key && holdsAt(grant, at));
    const lawful = agencyGrants.filter((grant) => grant.basisRepealedOn === null || date < grant.basisRepealedOn);
    if (lawful.length === 0) {
      const repealed = agencyGrants.length > 0;
      reasons.push({
        code: 'AGENCY_GRANT_NOT_HELD',
        message: repealed
          ? `The legal basis under which the account's agency holds ${item.key} was repealed; the agency no longer holds it.`
          : `The account's agency holds no grant of ${item.key} for a registered business item at this time.`,
        citation: version?.itemEligibility.citation ?? null,
      });
    }
  }
  if (version) {
    const { queries } = version;
    if (queries.officeHoursOnly.value && queries.officeHours.value && !isWithinOfficeHours(queries.officeHours.value, facts.at)) {
      const hours = queries.officeHours.value;
      reasons.push({
        code: 'OUTSIDE_OFFICE_HOURS',
        message: `Queries are allowed only in office hours (${hours.from}–${hours.to} Taiwan time, weekdays ${hours.weekdays.join(',')}).`,
        citation: queries.officeHoursOnly.citation,
      });
    }
    if (queries.officeNetworkOnly.value) {
      const current = facts.networks.filter((network) => holdsAt(network, at)).map((network) => network.network);
      if (facts.networkAddress === null) {
        reasons.push({ code: 'OUTSIDE_OFFICE_NETWORK', message: 'Queries are allowed only from office premises; no network address was given to check.', citation: queries.officeNetworkOnly.citation });
      } else if (!isAddressInNetworks(facts.networkAddress, current)) {
        reasons.push({
          code: 'OUTSIDE_OFFICE_NETWORK',
          message: current.length === 0
            ? `Queries are allowed only from office premises, and the account's agency has no office network configured.`
            : `Queries are allowed only from office premises; ${facts.networkAddress} is not one of the agency's office networks.`,
          citation: queries.officeNetworkOnly.citation,
        });
      }
    }
    if (queries.supervisorPreApproval.value && facts.preApprovalApproved !== true) {
      reasons.push({
        code: 'PRE_APPROVAL_REQUIRED',
        message: 'The supervisor must approve the query request before the query (經所屬主管核可後始得查詢).',
        citation: queries.supervisorPreApproval.citation,
      });
    }
  }
  return { allowed: reasons.length === 0, reasons, ruleVersion: version?.id ?? null, decidedAt: facts.decidedAt };
}

function formCitation(version: RuleVersion, kind: 'user-application'): string | null {
  const form = version.forms.find((f) => f.kind === kind);
  return form ? `${form.citation} (${form.number})` : (version.applications['user-account']?.available.citation ?? null);
}
