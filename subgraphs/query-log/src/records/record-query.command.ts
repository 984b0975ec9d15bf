import type { AccountPrincipal } from '@custos/auth';
import { DomainError, InputError, NotFoundError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { HashChain } from '../chain/hash-chain';
import type { DecisionReason, PlatformGateway } from '../platform/platform-gateway';
import type { QueryRequestEntity } from '../requests/query-request.entity';
import type { QueryRequestService } from '../requests/query-request.service';
import { queryRulesAt } from '../requests/query-rules';
import type { QueryRecordEntity } from './query-record.entity';

/** Clock skew tolerated for a query time "now" sent by the console. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RecordQueryInput {
  requestId: string;
  itemKey: string;
  /** When the query was made; now when absent. */
  queriedAt?: Date | null;
}

export interface RecordQueryCaller {
  principal: AccountPrincipal;
  delegationToken?: string;
  clientAddress?: string;
}

/** Whether the request's approval covers a query at `at` — approved before it and not yet lapsed. */
function approvalCovers(request: QueryRequestEntity, at: Date): boolean {
  const decision = request.decision;
  if (!decision || decision.decision !== 'APPROVED') return false;
  if (decision.decidedAt.getTime() > at.getTime()) return false;
  return !decision.expiresAt || decision.expiresAt.getTime() >= at.getTime();
}

/** The request's own conditions under the rules in force on the query's date, as refusal reasons. */
function requestReasons(request: QueryRequestEntity, at: Date): DecisionReason[] {
  const reasons: DecisionReason[] = [];
  const lookup = queryRulesAt(request.cityId, request.service, at);
  if (!lookup.inForce) return [lookup.reason];
  const queries = lookup.version.queries;
  const decision = request.decision;
  if (decision?.decision === 'REJECTED') {
    reasons.push({ code: 'PRE_APPROVAL_REJECTED', message: `Your supervisor rejected this request${decision.note ? `: ${decision.note}` : ''}.`, citation: queries.supervisorPreApproval.citation });
  } else if (queries.supervisorPreApproval.value && !approvalCovers(request, at)) {
    const citation = queries.supervisorPreApproval.citation;
    if (!decision) reasons.push({ code: 'PRE_APPROVAL_REQUIRED', message: `Your supervisor must approve the request before the query (${citation}).`, citation });
    else if (decision.decidedAt.getTime() > at.getTime()) reasons.push({ code: 'PRE_APPROVAL_REQUIRED', message: `The query was made before the approval (${decision.decidedAt.toISOString()}); approval must come first (${citation}).`, citation });
    else reasons.push({ code: 'PRE_APPROVAL_EXPIRED', message: `The approval lapsed at ${decision.expiresAt!.toISOString()} (${queries.preApprovalValidityHours.citation}); file a new request.`, citation: queries.preApprovalValidityHours.citation });
  }
  if (queries.legalBasisOrConsentPerQuery.value && !request.legalBasis && !request.consentDocument) {
    const citation = queries.legalBasisOrConsentPerQuery.citation;
    reasons.push({ code: 'LEGAL_BASIS_OR_CONSENT_REQUIRED', message: `The request names neither a legal basis nor the citizen’s signed consent (${citation}).`, citation });
  }
  if (request.proxyForAccountId) {
    const rule = queries.proxyQueries;
    if (!rule.value.allowed) reasons.push({ code: 'PROXY_NOT_ALLOWED', message: `Proxy queries are not allowed (${rule.citation}).`, citation: rule.citation });
    else if (rule.value.writtenAuthorisationRequired && !request.proxyDocumentNumber) {
      reasons.push({ code: 'PROXY_AUTHORISATION_REQUIRED', message: `A proxy query needs the written authorisation (${rule.citation}).`, citation: rule.citation });
    }
  }
  return reasons;
}

/**
 * Records one query against an approved request (登記). At that moment it checks the request under
 * the rules in force on the query's date and asks the permissions decision on the caller's behalf;
 * it refuses with every reason, or appends the record to the city's hash chain. The record is
 * acknowledged only after the request's transaction commits (see the transaction plugin).
 */
export class RecordQueryCommand {
  constructor(
    private readonly requests: QueryRequestService,
    private readonly platform: PlatformGateway,
    private readonly chain: HashChain,
  ) {}

  async run(scope: RequestScope, cityId: string, caller: RecordQueryCaller, input: RecordQueryInput, now: Date): Promise<QueryRecordEntity> {
    const queriedAt = input.queriedAt ?? now;
    if (Number.isNaN(queriedAt.getTime()) || queriedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
      throw new InputError('INVALID_QUERIED_AT', 'The query time cannot be in the future.', 'queriedAt');
    }
    const manager = await scope.manager(cityId);
    const request = await this.requests.find(manager, cityId, input.requestId);
    if (!request) throw new NotFoundError('The query request');
    if (request.accountId !== caller.principal.accountId) throw new DomainError('NOT_YOUR_REQUEST', 'Only the caseworker who filed a request records its queries.');
    const itemKey = input.itemKey.trim();
    if (!request.itemKeys.includes(itemKey)) {
      throw new InputError('ITEM_NOT_IN_REQUEST', `The request covers ${request.itemKeys.join(', ')}; file a new request for ${itemKey}.`, 'itemKey');
    }

    const reasons = requestReasons(request, queriedAt);
    let ruleVersion: string | null = null;
    try {
      const decision = await this.platform.queryDecision(
        { principal: caller.principal, delegationToken: caller.delegationToken },
        { itemKey, at: queriedAt, purpose: request.purpose, networkAddress: caller.clientAddress, preApprovalApproved: approvalCovers(request, queriedAt) },
      );
      ruleVersion = decision.ruleVersion;
      if (!decision.allowed) {
        reasons.push(...(decision.reasons.length ? decision.reasons : [{ code: 'NOT_PERMITTED', message: 'The permissions service refused this query.', citation: null }]));
      }
    } catch (error) {
      // Fail closed: no decision, no record.
      reasons.push({ code: 'PERMISSIONS_UNAVAILABLE', message: `The permissions decision could not be obtained (${error instanceof Error ? error.message : 'unknown error'}).`, citation: null });
    }
    if (reasons.length) {
      const unique = reasons.filter((reason, index) => reasons.findIndex((other) => other.code === reason.code && other.citation === reason.citation) === index);
      throw new DomainError('QUERY_REFUSED', `This query may not be recorded: ${unique.map((reason) => reason.message).join(' ')}`, { reasons: unique });
    }

    return this.chain.append(
      manager,
      cityId,
      {
        id: randomUUID(),
        accountId: caller.principal.accountId,
        agencyId: request.agencyId,
        unitId: request.unitId,
        requestId: request.id,
        itemKey,
        caseNumber: request.caseNumber,
        purpose: request.purpose,
        subjectKind: request.subjectKind,
        subjectHash: request.subjectHash,
        subjectMasked: request.subjectMasked,
        legalBasis: request.legalBasis,
        consentDocument: request.consentDocument,
        proxyForAccountId: request.proxyForAccountId,
        proxyDocumentNumber: request.proxyDocumentNumber,
        clientAddress: caller.clientAddress ?? null,
        decisionRuleVersion: ruleVersion,
        queriedAt,
      },
      now,
      { purposeCategory: request.purposeCategory },
    );
  }
}
