import type { AccountPrincipal } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { findItem, toTaiwanDate, type RuleVersion } from '@custos/rules';
import type { RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { maskSubject, parseSubject, type SubjectHasher } from '../identifiers/subject';
import type { CallerFacts } from '../platform/platform-gateway';
import { checkPageSize, decodeCursor, encodeCursor, toPage, type Page, type PageRequest } from '../shared/pagination';
import type { CreateQueryRequestInput } from './query-request.input';
import { QueryRequestDecisionEntity, QueryRequestEntity } from './query-request.entity';
import { queryRulesAt } from './query-rules';

export type QueryRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

/** Roles that supervise a caseworker's queries: the unit head of the same unit, or the agency head. */
export const SUPERVISOR_ROLES = ['UNIT_HEAD', 'AGENCY_HEAD'] as const;
/** Roles that may look at the requests of their agency (besides the requester). */
const AGENCY_READERS = ['UNIT_HEAD', 'AGENCY_HEAD', 'UNIT_ADMIN', 'AGENCY_ADMIN', 'AUDITOR', 'ETHICS_OFFICER'] as const;

export function requestStatus(request: QueryRequestEntity, now: Date): QueryRequestStatus {
  const decision = request.decision;
  if (!decision) return 'PENDING';
  if (decision.decision === 'REJECTED') return 'REJECTED';
  return decision.expiresAt && decision.expiresAt.getTime() < now.getTime() ? 'EXPIRED' : 'APPROVED';
}

function text(value: string | null | undefined, field: string, code: string, label: string, max: number, required: boolean): string | null {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw new InputError(code, `${label} is required.`, field);
    return null;
  }
  if (trimmed.length > max) throw new InputError(code, `${label} may be at most ${max} characters.`, field);
  return trimmed;
}

function calendarDate(value: string | null | undefined, field: string, label: string, now: Date): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec((value ?? '').trim());
  const parsed = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  if (!match || !parsed || parsed.toISOString().slice(0, 10) !== match[0]) throw new InputError('INVALID_DATE', `${label} must be a date as YYYY-MM-DD.`, field);
  if (match[0] > toTaiwanDate(now)) throw new InputError('INVALID_DATE', `${label} cannot be in the future.`, field);
  return match[0];
}

function requireActive(facts: CallerFacts): void {
  if (facts.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', `Your account is ${facts.status.toLowerCase()}; it cannot request or approve queries.`);
}

export class QueryRequestService {
  constructor(private readonly hasher: SubjectHasher) {}

  /**
   * Files a query request. Validates everything before touching the database (bad input writes
   * nothing); the city's rules decide whether a legal basis or consent is needed and whether proxy
   * queries are allowed.
   */
  async create(scope: RequestScope, cityId: string, requester: AccountPrincipal, facts: CallerFacts, input: CreateQueryRequestInput, now: Date): Promise<QueryRequestEntity> {
    if (!requester.roles.includes('CASEWORKER')) throw new ForbiddenError('Only caseworkers file query requests.', { requiredRoles: ['CASEWORKER'] });
    const caseNumber = text(input.caseNumber, 'caseNumber', 'INVALID_CASE_NUMBER', 'The case number (案件編號)', 64, true)!;
    const purpose = text(input.purpose, 'purpose', 'INVALID_PURPOSE', 'The purpose (查詢目的)', 500, true)!;
    const itemKeys = [...new Set(input.itemKeys.map((key) => key.trim()))];
    if (itemKeys.length === 0 || itemKeys.length > 32) throw new InputError('INVALID_ITEMS', 'Name between 1 and 32 query items.', 'itemKeys');
    const items = itemKeys.map((key) => {
      const item = findItem(key);
      if (!item) throw new InputError('UNKNOWN_ITEM', `"${key}" is not a query item of the catalogue.`, 'itemKeys', { itemKey: key });
      return item;
    });
    const service = items[0]!.service;
    if (items.some((item) => item.service !== service)) throw new InputError('MIXED_SERVICES', 'One request covers the items of one service (labor or health insurance).', 'itemKeys');
    const subject = parseSubject(input.subjectKind, input.subject, 'subject', now);
    for (const item of items) {
      const expected = item.lookupKey.startsWith('national-id') ? 'NATIONAL_ID' : item.lookupKey === 'business-number' ? 'BUSINESS_NUMBER' : null;
      if (expected && expected !== subject.kind) {
        throw new InputError('SUBJECT_KIND_MISMATCH', `${item.nameZh} (${item.code}) is looked up ${item.lookupKeyEn}; the subject must be a ${expected === 'NATIONAL_ID' ? 'national ID' : 'business number'}.`, 'subjectKind', { itemKey: item.key });
      }
    }

    const lookup = queryRulesAt(cityId, service, now);
    // A repealed rule set still says what its register needed, for entering queries made while it was in force;
    // recording a query is judged again by the rules in force on the query's own date.
    let version: RuleVersion | null;
    if (lookup.inForce) version = lookup.version;
    else {
      version = lookup.lastVersion;
      if (!version) throw new DomainError(lookup.reason.code, lookup.reason.message, { citation: lookup.reason.citation });
    }
    const queries = version.queries;

    const legalBasis = text(input.legalBasis, 'legalBasis', 'INVALID_LEGAL_BASIS', 'The legal basis (法令依據)', 500, false);
    let consent: { document: string; signedOn: string } | null = null;
    if (input.consent) {
      consent = {
        document: text(input.consent.documentReference, 'consent.documentReference', 'INVALID_CONSENT', 'The consent form reference', 100, true)!,
        signedOn: calendarDate(input.consent.signedOn, 'consent.signedOn', 'The consent date', now),
      };
    }
    if (queries.legalBasisOrConsentPerQuery.value && !legalBasis && !consent) {
      throw new InputError('LEGAL_BASIS_OR_CONSENT_REQUIRED', `Give the legal basis or the citizen’s signed consent (${queries.legalBasisOrConsentPerQuery.citation}).`, 'legalBasis', {
        citation: queries.legalBasisOrConsentPerQuery.citation,
      });
    }

    let proxy: { forAccountId: string; documentNumber: string | null; authorisedOn: string | null } | null = null;
    if (input.proxy) {
      const rule = queries.proxyQueries;
      if (!rule.value.allowed) throw new InputError('PROXY_NOT_ALLOWED', `Proxy queries are not allowed here (${rule.citation}).`, 'proxy', { citation: rule.citation });
      const forAccountId = input.proxy.onBehalfOfAccountId.trim();
      if (!/^[0-9a-f-]{36}$/i.test(forAccountId)) throw new InputError('INVALID_PROXY', 'Name the official queried for by account id.', 'proxy.onBehalfOfAccountId');
      if (forAccountId === requester.accountId) throw new InputError('INVALID_PROXY', 'A proxy query is made for someone else, not for yourself.', 'proxy.onBehalfOfAccountId');
      const documentNumber = text(input.proxy.documentNumber, 'proxy.documentNumber', 'PROXY_AUTHORISATION_REQUIRED', 'The proxy authorisation’s document number (代查授權書)', 100, rule.value.writtenAuthorisationRequired);
      const authorisedOn = input.proxy.authorisedOn || rule.value.writtenAuthorisationRequired ? calendarDate(input.proxy.authorisedOn, 'proxy.authorisedOn', 'The authorisation date', now) : null;
      proxy = { forAccountId, documentNumber, authorisedOn };
    }
    requireActive(facts);

    const manager = await scope.manager(cityId);
    const request = manager.getRepository(QueryRequestEntity).create({
      id: randomUUID(),
      cityId,
      accountId: requester.accountId,
      agencyId: facts.agencyId,
      unitId: facts.unitId,
      caseNumber,
      purpose,
      service,
      itemKeys,
      subjectKind: subject.kind,
      subjectHash: this.hasher.hash(cityId, subject),
      subjectMasked: maskSubject(subject),
      legalBasis,
      consentDocument: consent?.document ?? null,
      consentSignedOn: consent?.signedOn ?? null,
      proxyForAccountId: proxy?.forAccountId ?? null,
      proxyDocumentNumber: proxy?.documentNumber ?? null,
      proxyAuthorisedOn: proxy?.authorisedOn ?? null,
      ruleVersion: version.id,
      preApprovalRequired: queries.supervisorPreApproval.value,
      createdAt: now,
      purposeCategory: input.purposeCategory ?? null,
    });
    await manager.getRepository(QueryRequestEntity).insert(request);
    request.decision = null;
    return request;
  }

  /** Approve (核可) or reject a request: a supervisor of the requester's unit or agency, never the requester. */
  async decide(
    scope: RequestScope,
    cityId: string,
    supervisor: AccountPrincipal,
    facts: CallerFacts,
    input: { requestId: string; decision: 'APPROVED' | 'REJECTED'; note: string | null },
    now: Date,
  ): Promise<QueryRequestEntity> {
    if (!supervisor.roles.some((role) => (SUPERVISOR_ROLES as readonly string[]).includes(role))) {
      throw new ForbiddenError('Only the unit head or agency head approves query requests.', { requiredRoles: SUPERVISOR_ROLES });
    }
    const note = text(input.note, 'note', 'INVALID_NOTE', input.decision === 'REJECTED' ? 'The reason for rejecting' : 'The note', 500, input.decision === 'REJECTED');
    requireActive(facts);
    const manager = await scope.manager(cityId);
    const request = await this.find(manager, cityId, input.requestId);
    if (!request) throw new NotFoundError('The query request');
    if (request.accountId === supervisor.accountId) {
      throw new DomainError('SELF_APPROVAL_NOT_ALLOWED', 'You cannot approve or reject your own query request; your supervisor must.');
    }
    const sameAgency = request.agencyId === supervisor.agencyId && facts.agencyId === request.agencyId;
    const supervises = sameAgency && (supervisor.roles.includes('AGENCY_HEAD') || (supervisor.roles.includes('UNIT_HEAD') && request.unitId !== null && facts.unitId === request.unitId));
    if (!supervises) throw new DomainError('NOT_SUPERVISOR', 'Only the head of the requester’s unit (or agency) may decide on this request.');
    if (request.decision) throw new DomainError('REQUEST_ALREADY_DECIDED', `This request was already ${request.decision.decision.toLowerCase()}.`);

    let expiresAt: Date | null = null;
    if (input.decision === 'APPROVED') {
      const lookup = queryRulesAt(cityId, request.service, now);
      const hours = lookup.inForce ? lookup.version.queries.preApprovalValidityHours.value : null;
      expiresAt = hours ? new Date(now.getTime() + hours * 3_600_000) : null;
    }
    const decision = manager.getRepository(QueryRequestDecisionEntity).create({
      id: randomUUID(),
      cityId,
      requestId: request.id,
      decision: input.decision,
      decidedBy: supervisor.accountId,
      decidedAt: now,
      expiresAt,
      note,
    });
    try {
      await manager.getRepository(QueryRequestDecisionEntity).insert(decision);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DomainError('REQUEST_ALREADY_DECIDED', 'This request was decided by someone else a moment ago.');
      throw error;
    }
    request.decision = decision;
    return request;
  }

  private baseQuery(manager: EntityManager, cityId: string): SelectQueryBuilder<QueryRequestEntity> {
    return manager
      .getRepository(QueryRequestEntity)
      .createQueryBuilder('request')
      .leftJoinAndMapOne('request.decision', QueryRequestDecisionEntity, 'decision', 'decision.request_id = request.id AND decision.city_id = request.city_id')
      .where('request.city_id = :cityId', { cityId });
  }

  async find(manager: EntityManager, cityId: string, id: string): Promise<QueryRequestEntity | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return this.baseQuery(manager, cityId).andWhere('request.id = :id', { id }).getOne();
  }

  /** One request, if the viewer may see it: the requester, or a supervisor, admin or auditor of the same agency. */
  async findVisible(scope: RequestScope, cityId: string, viewer: AccountPrincipal, id: string): Promise<QueryRequestEntity | null> {
    const request = await this.find(await scope.manager(cityId), cityId, id);
    if (!request) return null;
    if (request.accountId === viewer.accountId || viewer.roles.includes('TOP_ADMIN')) return request;
    if (request.agencyId === viewer.agencyId && viewer.roles.some((role) => (AGENCY_READERS as readonly string[]).includes(role))) return request;
    return null;
  }

  async listOwn(scope: RequestScope, cityId: string, accountId: string, page: PageRequest): Promise<Page<QueryRequestEntity>> {
    checkPageSize(page.first);
    const query = this.baseQuery(await scope.manager(cityId), cityId).andWhere('request.account_id = :accountId', { accountId });
    return this.page(query, page);
  }

  /** Pending requests the supervisor may decide: the unit head's unit, or the agency head's agency; never their own. */
  async listAwaitingDecision(scope: RequestScope, cityId: string, supervisor: AccountPrincipal, facts: CallerFacts, page: PageRequest): Promise<Page<QueryRequestEntity>> {
    checkPageSize(page.first);
    if (!supervisor.roles.some((role) => (SUPERVISOR_ROLES as readonly string[]).includes(role))) {
      throw new ForbiddenError('Only the unit head or agency head approves query requests.', { requiredRoles: SUPERVISOR_ROLES });
    }
    const query = this.baseQuery(await scope.manager(cityId), cityId)
      .andWhere('decision.id IS NULL')
      .andWhere('request.agency_id = :agencyId', { agencyId: supervisor.agencyId })
      .andWhere('request.account_id <> :self', { self: supervisor.accountId });
    if (!supervisor.roles.includes('AGENCY_HEAD')) {
      if (!facts.unitId) return { nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } };
      query.andWhere('request.unit_id = :unitId', { unitId: facts.unitId });
    }
    return this.page(query, page);
  }

  private async page(query: SelectQueryBuilder<QueryRequestEntity>, page: PageRequest): Promise<Page<QueryRequestEntity>> {
    const totalCount = await query.clone().getCount();
    if (page.after) {
      const [createdAt, id] = decodeCursor(page.after);
      query.andWhere('(request.created_at, request.id) < (:createdAt, :id)', { createdAt, id });
    }
    const rows = await query.orderBy('request.created_at', 'DESC').addOrderBy('request.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (row) => encodeCursor(row.createdAt, row.id));
  }
}
