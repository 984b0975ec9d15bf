import type { AccountPrincipal } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import {
  APPLICATION_KINDS,
  APPLICATION_OPERATIONS,
  cityInfo,
  findItem,
  isCityId,
  rules,
  type ApplicationKind,
  type ApplicationOperation,
  type RuleVersion,
} from '@custos/rules';
import { logCrossCityAccess, rowsPerCity, type CrossCityAccess, type RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertPageSize, assertUuid, decodeCursor, pageOf, type PageRequest } from '../common/pagination';
import type { Directory, DirectoryCaller, OfficialFacts } from '../directory/directory';
import { GrantService, notHeldError } from '../grants/grant.service';
import { LEGAL_BASIS_CATEGORIES, LEGAL_BASIS_KINDS, RegisterService, type NewLegalBasis } from '../register/register.service';
import { ApplicationEventEntity, type ApplicationEventKind } from './application-event.entity';
import { ApplicationEntity, type ProposedBusinessItem } from './application.entity';
import { applyApprovedApplication } from './application.effects';
import { bureauApplicationDetails, type BureauApplicationDetails } from './bureau-application.details';
import { actorsFor, describeStep, matchingSpec, resolveChain, TRANSMITTING_ACTIONS, type ActorFacts, type ApplicationPlace } from './approval-chain';

export interface SubmitApplicationInput {
  kind: string;
  operation: string;
  reason: string;
  personalDataAcknowledged: boolean;
  subjectAccountId: string | null;
  replacesAccountId: string | null;
  itemsToAdd: string[];
  itemsToRemove: string[];
  businessItemId: string | null;
  businessItem: {
    legalBasisId: string | null;
    legalBasis: NewLegalBasis | null;
    nameZh: string;
    purposeZh: string;
    unitIds: string[] | null;
  } | null;
  legalBasisId: string | null;
}

/** What a workflow command needs of the request. */
export interface WorkflowCaller extends DirectoryCaller {
  principal: AccountPrincipal;
  scope: RequestScope;
  now: Date;
}

const ACCOUNT_KINDS: ReadonlySet<string> = new Set(['agency-admin-account', 'user-account']);
const MAX_ITEMS = 40;

/**
 * The forms as workflows (附表一/二/三): filing, each step's decision, withdrawal, and — once the
 * last step approves — the change to grants (and through the outbox, to identity's accounts), all
 * in the request's one transaction.
 */
export class ApplicationService {
  constructor(
    private readonly directory: Directory,
    private readonly grants: GrantService,
    private readonly register: RegisterService,
  ) {}

  async submit(caller: WorkflowCaller, cityId: string, input: SubmitApplicationInput): Promise<ApplicationEntity> {
    const kind = parseKind(input.kind);
    const operation = parseOperation(input.operation);
    const reason = input.reason.trim();
    if (reason.length === 0 || reason.length > 2000) throw new InputError('REASON_REQUIRED', 'State the reason for the application (申請事由) in 1 to 2000 characters.', 'reason');
    // Ask identity first, before this request holds a database connection.
    const applicant = await this.directory.me(caller);
    const subject = input.subjectAccountId && input.subjectAccountId !== applicant.accountId ? await this.subjectFacts(caller, kind, input.subjectAccountId) : applicant;

    const { version, service } = this.versionInForce(cityId, caller.now);
    const rule = version.applications[kind];
    if (!rule || !rule.available.value) {
      throw new DomainError('APPLICATION_NOT_AVAILABLE', `${cityInfo(cityId).citationName}'s rules provide no ${kind} application${rule ? ` (${rule.available.citation})` : ''}.`);
    }
    if (!rule.operations.value.includes(operation)) {
      throw new InputError('OPERATION_NOT_ALLOWED', `A ${kind} application may only ${rule.operations.value.join(' or ')} (${rule.operations.citation}).`, 'operation');
    }
    if (rule.personalDataAcknowledgement.value && !input.personalDataAcknowledged) {
      throw new InputError(
        'ACKNOWLEDGEMENT_REQUIRED',
        `Tick the personal-data protection reminder (個資保護提醒事項「已閱讀完畢」): without it no access is opened (${rule.personalDataAcknowledgement.citation}).`,
        'personalDataAcknowledged',
      );
    }
    if (applicant.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', 'Your account is not active: it cannot file applications.');
    const vendorBar = version.queries.outsourcedVendorsBarred;
    if (vendorBar.value && (applicant.isVendorStaff || subject.isVendorStaff)) {
      throw new DomainError('VENDOR_STAFF', `Outsourced vendor staff may not be granted access (不得授權委外廠商使用, ${vendorBar.citation}).`, { citation: vendorBar.citation });
    }
    if (kind === 'user-account' && subject.accountId !== applicant.accountId) {
      throw new InputError('SUBJECT_NOT_ALLOWED', 'A user applies for their own account (附表二 申請人).', 'subjectAccountId');
    }

    const commissioned = applicant.agency.commissioningAgencyId !== null;
    const chain = resolveChain(version, rule, commissioned);
    const becomesRole = ACCOUNT_KINDS.has(kind) && (operation === 'new' || operation === 'change') && subject.accountId === applicant.accountId;
    if (chain.applyStep && !applicant.roles.includes(chain.applyStep.role) && !becomesRole) {
      throw new DomainError('NOT_ALLOWED_TO_APPLY', `This application is filed by ${describeStep(chain.applyStep)}.`);
    }
    const place: ApplicationPlace = {
      agencyId: applicant.agencyId,
      unitId: applicant.unitId,
      agencyParentId: applicant.agency.parentId,
      commissioningAgencyId: applicant.agency.commissioningAgencyId,
    };
    for (const step of chain.steps) {
      if (actorsFor(step, place).length === 0) throw new DomainError('NO_APPROVER', `Nobody can act on the step "${describeStep(step)}" for your agency.`);
    }

    const itemsToAdd = this.parseItems(input.itemsToAdd, service, 'itemsToAdd');
    const itemsToRemove = this.parseItems(input.itemsToRemove, service, 'itemsToRemove');
    const overlap = itemsToAdd.filter((key) => itemsToRemove.includes(key));
    if (overlap.length > 0) throw new InputError('ITEMS_OVERLAP', `${overlap.join(', ')} cannot be both added and removed.`, 'itemsToRemove');
    const eligibility = version.itemEligibility.value;
    const ineligible = eligibility.mode === 'listed-items-only' ? itemsToAdd.filter((key) => !eligibility.items.includes(key)) : [];
    if (ineligible.length > 0) throw new InputError('ITEM_NOT_ELIGIBLE', `The rules allow only ${eligibility.items.join(', ')} (${version.itemEligibility.citation}).`, 'itemsToAdd');

    const manager = await caller.scope.manager(cityId);
    let businessItemId: string | null = null;
    let proposed: ProposedBusinessItem | null = null;
    let legalBasisId: string | null = null;
    if (kind === 'user-account') {
      await this.checkUserItems(manager, cityId, operation, subject, itemsToAdd, itemsToRemove);
    } else if (kind === 'agency-items') {
      ({ businessItemId, proposed } = await this.checkAgencyItems(manager, cityId, version, operation, applicant, input, itemsToAdd, itemsToRemove));
    } else {
      if (itemsToAdd.length > 0 || itemsToRemove.length > 0) throw new InputError('ITEMS_NOT_ALLOWED', 'An agency admin application names no query items.', 'itemsToAdd');
      if (input.legalBasisId) legalBasisId = await this.existingBasis(manager, cityId, input.legalBasisId, 'legalBasisId');
      if (rule.requiresLegalBasis.value && !legalBasisId) {
        throw new InputError('LEGAL_BASIS_REQUIRED', `State the legal basis of the business the admin serves (${rule.requiresLegalBasis.citation}).`, 'legalBasisId');
      }
    }

    const replacesAccountId =
      kind === 'agency-admin-account' && operation === 'change'
        ? (input.replacesAccountId ? assertUuid(input.replacesAccountId, 'replacesAccountId') : subject.accountId !== applicant.accountId ? applicant.accountId : null)
        : null;
    const form = rule.formKind ? version.forms.find((f) => f.kind === rule.formKind) : undefined;
    const application: ApplicationEntity = {
      id: randomUUID(),
      cityId,
      kind,
      operation,
      status: 'PENDING',
      service,
      ruleVersionId: version.id,
      formKind: rule.formKind,
      formNumber: form?.number ?? null,
      formTitleZh: form?.titleZh ?? null,
      applicantAccountId: applicant.accountId,
      applicantPersonId: applicant.personId,
      agencyId: applicant.agencyId,
      unitId: applicant.unitId,
      agencyKind: applicant.agency.kind,
      agencyParentId: applicant.agency.parentId,
      commissioningAgencyId: applicant.agency.commissioningAgencyId,
      subjectAccountId: subject.accountId,
      subjectPersonId: subject.personId,
      subjectUnitId: subject.unitId,
      applyRole: chain.applyStep?.role ?? null,
      replacesAccountId,
      itemsToAdd,
      itemsToRemove,
      businessItemId,
      proposedBusinessItem: proposed,
      legalBasisId,
      reason,
      personalDataAcknowledged: input.personalDataAcknowledged,
      steps: chain.steps,
      currentStep: 0,
      awaiting: chain.steps.length > 0 ? actorsFor(chain.steps[0]!, place) : [],
      submittedAt: caller.now,
      decidedAt: null,
      appliedAt: null,
    };
    await manager.getRepository(ApplicationEntity).insert(application);
    await this.record(manager, application, 0, 'SUBMITTED', applicant, { stepIndex: null, role: chain.applyStep?.role ?? null, action: 'apply', comment: null, at: caller.now });
    if (chain.steps.length === 0) await this.approve(manager, application, caller.now);
    return application;
  }

  async act(caller: WorkflowCaller, cityId: string, id: string, decision: 'APPROVE' | 'REJECT', comment: string | null, expectedStep: number | null = null): Promise<ApplicationEntity> {
    const applicationId = assertUuid(id, 'id');
    const text = comment?.trim() || null;
    if (text !== null && text.length > 2000) throw new InputError('COMMENT_TOO_LONG', 'Keep the comment within 2000 characters.', 'comment');
    if (decision === 'REJECT' && text === null) throw new InputError('COMMENT_REQUIRED', 'Say why the application is rejected (審核意見).', 'comment');
    const me = await this.directory.me(caller);
    const actor = actorFacts(me);
    const manager = await caller.scope.manager(cityId);
    const application = await this.lockPending(manager, cityId, applicationId);
    if (expectedStep !== null && expectedStep !== application.currentStep) {
      throw new DomainError('STEP_ALREADY_DECIDED', `Step ${expectedStep + 1} was already decided; the application now awaits step ${application.currentStep + 1}.`, { currentStep: application.currentStep });
    }
    const step = application.steps[application.currentStep]!;
    const isOwn = [application.applicantAccountId, application.subjectAccountId].includes(actor.accountId) || application.applicantPersonId === actor.personId;
    if (isOwn && !TRANSMITTING_ACTIONS.has(step.action)) {
      throw new DomainError('SELF_APPROVAL', 'Nobody may decide on their own application, or on an application for their own account.');
    }
    if (me.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', 'Your account is not active: it cannot act on applications.');
    const spec = matchingSpec(actor, application.awaiting);
    if (!spec) {
      const place = placeOf(application);
      const later = application.steps.slice(application.currentStep + 1).some((next) => matchingSpec(actor, actorsFor(next, place)));
      if (later && step.action === 'consent') {
        throw new DomainError('COMMISSIONING_CONSENT_REQUIRED', `The commissioning agency must consent first (${step.citation}); this application is waiting for ${describeStep(step)}.`);
      }
      if (later) throw new DomainError('STEP_NOT_REACHED', `This application is waiting for an earlier step: ${describeStep(step)}.`);
      throw new DomainError('WRONG_APPROVER', `This step needs ${describeStep(step)}; you do not hold that role there.`, { requiredRole: step.role, agencyScope: step.agency });
    }
    const sequence = await this.nextSequence(manager, cityId, applicationId);
    await this.record(manager, application, sequence, decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', me, {
      stepIndex: application.currentStep,
      role: spec.role,
      action: step.action,
      comment: text,
      at: caller.now,
      onBehalfOf: spec.onBehalfOf ?? null,
    });
    const repository = manager.getRepository(ApplicationEntity);
    if (decision === 'REJECT') {
      // A rejection ends the application.
      await repository.update({ cityId, id: applicationId }, { status: 'REJECTED', decidedAt: caller.now, awaiting: [] });
      return { ...application, status: 'REJECTED', decidedAt: caller.now, awaiting: [] };
    }
    const next = application.currentStep + 1;
    if (next < application.steps.length) {
      const awaiting = actorsFor(application.steps[next]!, placeOf(application));
      await repository.update({ cityId, id: applicationId }, { currentStep: next, awaiting });
      return { ...application, currentStep: next, awaiting };
    }
    return this.approve(manager, { ...application, currentStep: next }, caller.now);
  }

  async withdraw(caller: WorkflowCaller, cityId: string, id: string, comment: string | null): Promise<ApplicationEntity> {
    const applicationId = assertUuid(id, 'id');
    const text = comment?.trim() || null;
    if (text !== null && text.length > 2000) throw new InputError('COMMENT_TOO_LONG', 'Keep the comment within 2000 characters.', 'comment');
    const manager = await caller.scope.manager(cityId);
    const application = await this.lockPending(manager, cityId, applicationId);
    if (application.applicantAccountId !== caller.principal.accountId) throw new ForbiddenError('Only the applicant may withdraw an application.');
    if (application.currentStep >= application.steps.length - 1) {
      throw new DomainError('WITHDRAWAL_TOO_LATE', 'The application has reached its last step and can no longer be withdrawn.');
    }
    const sequence = await this.nextSequence(manager, cityId, applicationId);
    await manager.getRepository(ApplicationEventEntity).insert({
      id: randomUUID(),
      cityId,
      applicationId,
      sequence,
      event: 'WITHDRAWN',
      stepIndex: null,
      role: null,
      action: null,
      actorAccountId: caller.principal.accountId,
      actorPersonId: caller.principal.personId,
      actorAgencyId: caller.principal.agencyId,
      onBehalfOf: null,
      comment: text,
      actedAt: caller.now,
    });
    await manager.getRepository(ApplicationEntity).update({ cityId, id: applicationId }, { status: 'WITHDRAWN', decidedAt: caller.now, awaiting: [] });
    return { ...application, status: 'WITHDRAWN', decidedAt: caller.now, awaiting: [] };
  }

  async find(manager: EntityManager, cityId: string, id: string): Promise<ApplicationEntity | null> {
    return manager.getRepository(ApplicationEntity).findOneBy({ cityId, id });
  }

  async eventsOf(manager: EntityManager, cityId: string, applicationIds: readonly string[]): Promise<ApplicationEventEntity[]> {
    if (applicationIds.length === 0) return [];
    return manager
      .getRepository(ApplicationEventEntity)
      .createQueryBuilder('e')
      .where('e.city_id = :cityId AND e.application_id = ANY(:ids)', { cityId, ids: [...applicationIds] })
      .orderBy('e.application_id')
      .addOrderBy('e.sequence')
      .getMany();
  }

  /**
   * Issue 9: the applications awaiting the bureau's own step (審核 by 勞保局/健保署, e.g. Taoyuan 6(二),
   * 附表三) in the cities of the officer's reach, of the bureau's service, oldest first. Row-level
   * security admits exactly those rows in the cross-city session; the read is logged per city.
   */
  async awaitingBureau(scope: RequestScope, access: CrossCityAccess, page: PageRequest, operation: string, now: Date) {
    assertPageSize(page.first);
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    const query = manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.city_id = ANY(:cityIds) AND a.service = :service', { cityIds: access.cityIds, service: access.service })
      .andWhere(`a.status = 'PENDING' AND (a.steps -> a.current_step ->> 'agency') = 'bureau'`);
    const total = await query.clone().getCount();
    if (page.after) {
      const [submittedAt, id] = decodeCursor(page.after, 2);
      if (Number.isNaN(Date.parse(submittedAt!)) || !/^[0-9a-f-]{36}$/i.test(id!)) throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
      query.andWhere('(a.submitted_at, a.id) > (CAST(:at AS timestamptz), CAST(:id AS uuid))', { at: submittedAt, id });
    }
    const rows = await query.orderBy('a.submitted_at', 'ASC').addOrderBy('a.id', 'ASC').take(page.first + 1).getMany();
    const result = { ...pageOf(rows, page.first, (row) => [row.submittedAt.toISOString(), row.id]), totalCount: total };
    const details = await bureauApplicationDetails(manager, result.nodes);
    await logCrossCityAccess(manager, 'permissions', access, operation, rowsPerCity(result.nodes, (row) => row.cityId), now);
    return { ...result, details };
  }

  /** The details a bureau sees of an application it just decided (in the decision's own transaction). */
  async bureauDetailsOf(scope: RequestScope, access: CrossCityAccess, application: ApplicationEntity): Promise<BureauApplicationDetails> {
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    return (await bureauApplicationDetails(manager, [application])).get(application.id)!;
  }

  /**
   * Issue 9: a bureau officer records the bureau's own decision on the step now awaited, when that
   * step is the bureau's (an application of the bureau's service, in a city of its reach). The
   * decision is recorded as the officer's (role BUREAU_OFFICER), not on the bureau's behalf by the
   * city. The bureau never completes an application: the city's own last step applies the change.
   */
  async decideAsBureau(caller: WorkflowCaller, access: CrossCityAccess, id: string, decision: 'APPROVE' | 'REJECT', comment: string | null, expectedStep: number | null): Promise<ApplicationEntity> {
    const applicationId = assertUuid(id, 'id');
    const cityId = access.cityIds[0]!;
    const text = comment?.trim() || null;
    if (text !== null && text.length > 2000) throw new InputError('COMMENT_TOO_LONG', 'Keep the comment within 2000 characters.', 'comment');
    if (decision === 'REJECT' && text === null) throw new InputError('COMMENT_REQUIRED', 'Say why the application is rejected (審核意見).', 'comment');
    // Ask identity first, before this request holds a database connection.
    const me = await this.directory.me(caller);
    if (me.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', 'Your account is not active: it cannot act on applications.');
    if (!me.roles.includes('BUREAU_OFFICER') || me.agency.kind !== 'CENTRAL') throw new ForbiddenError('Only a central agency’s officer records the bureau’s decisions.', { requiredRoles: ['BUREAU_OFFICER'] });
    const manager = await caller.scope.crossCityManager(access.cityIds, access.service);
    // Invisible (NOT_FOUND) unless it awaits the bureau's step, in that city, of the bureau's service.
    const application = await this.lockPending(manager, cityId, applicationId);
    if (expectedStep !== null && expectedStep !== application.currentStep) {
      throw new DomainError('STEP_ALREADY_DECIDED', `Step ${expectedStep + 1} was already decided; the application now awaits step ${application.currentStep + 1}.`, { currentStep: application.currentStep });
    }
    const step = application.steps[application.currentStep]!;
    if (step.agency !== 'bureau' || application.service !== access.service) throw new NotFoundError('The application');
    const next = application.currentStep + 1;
    if (decision === 'APPROVE' && next >= application.steps.length) {
      throw new DomainError('BUREAU_STEP_IS_LAST', 'The bureau’s step is the last of this chain: the city records the change itself.');
    }
    const sequence = await this.nextSequence(manager, cityId, applicationId);
    await this.record(manager, application, sequence, decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', me, {
      stepIndex: application.currentStep,
      role: 'BUREAU_OFFICER',
      action: step.action,
      comment: text,
      at: caller.now,
      onBehalfOf: null,
    });
    const repository = manager.getRepository(ApplicationEntity);
    if (decision === 'REJECT') {
      await repository.update({ cityId, id: applicationId }, { status: 'REJECTED', decidedAt: caller.now, awaiting: [] });
      return { ...application, status: 'REJECTED', decidedAt: caller.now, awaiting: [] };
    }
    const awaiting = actorsFor(application.steps[next]!, placeOf(application));
    await repository.update({ cityId, id: applicationId }, { currentStep: next, awaiting });
    return { ...application, currentStep: next, awaiting };
  }

  /** The caller as identity describes them. */
  viewer(caller: WorkflowCaller): Promise<OfficialFacts> {
    return this.directory.me(caller);
  }

  /** Whether `me` may decide the step now awaited (what decideApplicationStep would accept), for the console's buttons. */
  mayDecide(me: OfficialFacts, application: ApplicationEntity): boolean {
    if (application.status !== 'PENDING' || me.status !== 'ACTIVE') return false;
    const step = application.steps[application.currentStep];
    if (!step) return false;
    const actor = actorFacts(me);
    const isOwn = [application.applicantAccountId, application.subjectAccountId].includes(actor.accountId) || application.applicantPersonId === actor.personId;
    if (isOwn && !TRANSMITTING_ACTIONS.has(step.action)) return false;
    return matchingSpec(actor, application.awaiting) !== undefined;
  }

  /** Whether the caller may withdraw it now (what withdrawApplication would accept). */
  mayWithdraw(accountId: string, application: ApplicationEntity): boolean {
    return application.status === 'PENDING' && application.applicantAccountId === accountId && application.currentStep < application.steps.length - 1;
  }

  /** Whether the caller may read this application (others get "not found"). */
  async mayView(caller: WorkflowCaller, cityId: string, application: ApplicationEntity, events: readonly ApplicationEventEntity[]): Promise<boolean> {
    const viewer = caller.principal;
    if ([application.applicantAccountId, application.subjectAccountId, application.replacesAccountId].includes(viewer.accountId)) return true;
    if (viewer.roles.includes('TOP_ADMIN') || viewer.roles.includes('REVIEWING_OFFICER')) return true;
    if ([application.agencyId, application.agencyParentId, application.commissioningAgencyId].includes(viewer.agencyId)) return true;
    return application.cityId === cityId && events.some((event) => event.actorAccountId === viewer.accountId);
  }

  /** Pending applications whose current step the caller may act on, oldest first. */
  async inbox(caller: WorkflowCaller, cityId: string, page: PageRequest) {
    assertPageSize(page.first);
    const actor = actorFacts(await this.directory.me(caller));
    const manager = await caller.scope.manager(cityId);
    const where = `a.city_id = $1 AND a.status = 'PENDING'
      AND ((a.steps -> a.current_step ->> 'action') = ANY($7::text[])
           OR NOT (a.applicant_account_id = $2 OR a.applicant_person_id = $3 OR a.subject_account_id = $2))
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(a.awaiting) s
                   WHERE s ->> 'role' = ANY($4::text[])
                     AND (s ->> 'agencyId' IS NULL OR s ->> 'agencyId' = $5)
                     AND (s ->> 'unitId' IS NULL OR s ->> 'unitId' = $6)
                     AND (s ->> 'agencyKind' IS NULL OR s ->> 'agencyKind' = $8))`;
    const parameters: [string, ...unknown[]] = [cityId, actor.accountId, actor.personId, [...actor.roles], actor.agencyId, actor.unitId ?? '', [...TRANSMITTING_ACTIONS], actor.agencyKind];
    return this.pageOfApplications(manager, where, parameters, page);
  }

  /** The caller's own applications, oldest first. */
  async mine(caller: WorkflowCaller, cityId: string, page: PageRequest) {
    assertPageSize(page.first);
    const manager = await caller.scope.manager(cityId);
    return this.pageOfApplications(manager, 'a.city_id = $1 AND a.applicant_account_id = $2', [cityId, caller.principal.accountId], page);
  }

  /** `where` reads the city as $1: the first parameter. */
  private async pageOfApplications(manager: EntityManager, where: string, parameters: [string, ...unknown[]], page: PageRequest) {
    const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM permissions.application a WHERE ${where}`, parameters);
    let cursorSql = '';
    const all = [...parameters];
    if (page.after) {
      const [submittedAt, id] = decodeCursor(page.after, 2);
      all.push(submittedAt, id);
      cursorSql = ` AND (a.submitted_at, a.id) > ($${all.length - 1}::timestamptz, $${all.length}::uuid)`;
    }
    all.push(page.first + 1);
    const ids: Array<{ id: string }> = await manager.query(
      `SELECT a.id FROM permissions.application a WHERE ${where}${cursorSql} ORDER BY a.submitted_at, a.id LIMIT $${all.length}`,
      all,
    );
    const rows = ids.length === 0
      ? []
      : await manager.getRepository(ApplicationEntity).createQueryBuilder('a').where('a.city_id = :cityId AND a.id = ANY(:ids)', { cityId: parameters[0], ids: ids.map((row) => row.id) }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const ordered = ids.map((row) => byId.get(row.id)!).filter(Boolean);
    return { ...pageOf(ordered, page.first, (row) => [row.submittedAt.toISOString(), row.id]), totalCount: total };
  }

  private versionInForce(cityId: string, now: Date): { version: RuleVersion; service: string } {
    if (!isCityId(cityId)) throw new ForbiddenError('Your city has no rules on this platform.');
    const service = cityInfo(cityId).service;
    const lookup = rules.at(cityId, service, now);
    if (!lookup.inForce) throw new DomainError('RULES_NOT_IN_FORCE', `${lookup.message}: no applications can be filed.`, { citation: lookup.citation });
    return { version: lookup.version, service };
  }

  private async subjectFacts(caller: WorkflowCaller, kind: ApplicationKind, subjectAccountId: string): Promise<OfficialFacts> {
    const id = assertUuid(subjectAccountId, 'subjectAccountId');
    if (kind !== 'agency-admin-account') throw new InputError('SUBJECT_NOT_ALLOWED', 'Only an agency admin application may name another account.', 'subjectAccountId');
    const subject = await this.directory.account(caller, id);
    if (!subject) throw new InputError('SUBJECT_NOT_FOUND', 'No such account in your city.', 'subjectAccountId');
    return subject;
  }

  private parseItems(keys: readonly string[], service: string, field: string): string[] {
    const unique = [...new Set(keys)];
    if (unique.length > MAX_ITEMS) throw new InputError('TOO_MANY_ITEMS', `Name at most ${MAX_ITEMS} items.`, field);
    for (const key of unique) {
      const item = findItem(key);
      if (!item) throw new InputError('UNKNOWN_ITEM', `"${key}" is not a query item.`, field);
      if (item.service !== service) throw new InputError('ITEM_NOT_IN_SERVICE', `${key} is an item of the ${item.service} service; your city's rules govern ${service}.`, field);
    }
    return unique.sort();
  }

  /** 附表二: items added must be held by the agency for a business item of the user's unit; items removed must be held by the user. */
  private async checkUserItems(manager: EntityManager, cityId: string, operation: ApplicationOperation, subject: OfficialFacts, add: string[], remove: string[]) {
    if (operation === 'delete') {
      if (add.length > 0 || remove.length > 0) throw new InputError('ITEMS_NOT_ALLOWED', 'Deleting an account ends all its items; name none.', 'itemsToAdd');
      return;
    }
    if (operation === 'new' && add.length === 0) throw new InputError('ITEMS_REQUIRED', 'Tick the query items you need (查調項目).', 'itemsToAdd');
    if (operation === 'change' && add.length === 0 && remove.length === 0) throw new InputError('ITEMS_REQUIRED', 'Name the items to add or remove.', 'itemsToAdd');
    if (add.length > 0) {
      if (!subject.unitId) throw new InputError('UNIT_REQUIRED', 'Your account belongs to no unit: items serve a business item of a unit (Changhua 3, data minimisation).', 'itemsToAdd');
      const holdings = await this.grants.agencyHoldings(manager, cityId, subject.agencyId, add);
      const notHeld = add.filter((key) => !holdings.has(key));
      if (notHeld.length > 0) throw notHeldError(notHeld);
      const businessItems = await this.grants.unitBusinessItems(manager, cityId, subject.agencyId, subject.unitId, add);
      const outside = add.filter((key) => businessItems.get(key) === null);
      if (outside.length > 0) {
        throw new DomainError('ITEM_NOT_IN_UNIT_BUSINESS', `${outside.join(', ')} serve(s) no registered business item of your unit: only items needed for your unit's business may be granted (data minimisation).`, {
          itemKeys: outside,
        });
      }
    }
    if (remove.length > 0) {
      const held: Array<{ item_key: string }> = await manager.query(
        `SELECT DISTINCT item_key FROM permissions.user_grant WHERE city_id = $1 AND account_id = $2 AND revoked_at IS NULL AND item_key = ANY($3::text[])`,
        [cityId, subject.accountId, remove],
      );
      const notHeld = remove.filter((key) => !held.some((row) => row.item_key === key));
      if (notHeld.length > 0) throw new InputError('GRANT_NOT_HELD', `You do not hold ${notHeld.join(', ')}.`, 'itemsToRemove');
    }
  }

  /** 附表三 / 業務項目清冊: items added serve a registered (or newly proposed) business item with a legal basis; items removed are held. */
  private async checkAgencyItems(
    manager: EntityManager,
    cityId: string,
    version: RuleVersion,
    operation: ApplicationOperation,
    applicant: OfficialFacts,
    input: SubmitApplicationInput,
    add: string[],
    remove: string[],
  ): Promise<{ businessItemId: string | null; proposed: ProposedBusinessItem | null }> {
    if (operation === 'remove') {
      if (remove.length === 0 || add.length > 0) throw new InputError('ITEMS_REQUIRED', 'Name the items the agency no longer needs (itemsToRemove).', 'itemsToRemove');
      const holdings = await this.grants.agencyHoldings(manager, cityId, applicant.agencyId, remove);
      const notHeld = remove.filter((key) => !holdings.has(key));
      if (notHeld.length > 0) throw new InputError('AGENCY_GRANT_NOT_HELD', `Your agency does not hold ${notHeld.join(', ')}.`, 'itemsToRemove');
      return { businessItemId: null, proposed: null };
    }
    if (add.length === 0 || remove.length > 0) throw new InputError('ITEMS_REQUIRED', 'Name the items the agency needs (itemsToAdd).', 'itemsToAdd');
    if (input.businessItemId && input.businessItem) throw new InputError('BUSINESS_ITEM_AMBIGUOUS', 'Name a registered business item or propose a new one, not both.', 'businessItem');
    if (input.businessItemId) {
      const entry = await this.register.findBusinessItem(manager, cityId, assertUuid(input.businessItemId, 'businessItemId'));
      if (!entry || entry.endedAt !== null || entry.agencyId !== applicant.agencyId) {
        throw new InputError('BUSINESS_ITEM_NOT_FOUND', "No current business item of your agency has this id.", 'businessItemId');
      }
      const outside = add.filter((key) => !entry.itemKeys.includes(key));
      if (outside.length > 0) throw new InputError('ITEM_NOT_IN_BUSINESS_ITEM', `The business item "${entry.nameZh}" does not need ${outside.join(', ')} (data minimisation).`, 'itemsToAdd');
      return { businessItemId: entry.id, proposed: null };
    }
    const proposal = input.businessItem;
    if (!proposal) {
      throw new InputError('LEGAL_BASIS_REQUIRED', 'Attach the business item and its legal basis (法令依據) the items are needed for.', 'businessItem');
    }
    const nameZh = proposal.nameZh.trim();
    const purposeZh = proposal.purposeZh.trim();
    if (nameZh.length === 0 || nameZh.length > 200) throw new InputError('BUSINESS_ITEM_NAME_REQUIRED', 'Name the business item (業務項目) in 1 to 200 characters.', 'businessItem.nameZh');
    if (purposeZh.length === 0 || purposeZh.length > 500) throw new InputError('PURPOSE_REQUIRED', 'State the purpose (使用目的) in 1 to 500 characters.', 'businessItem.purposeZh');
    const unitIds = (proposal.unitIds ?? (applicant.unitId ? [applicant.unitId] : [])).map((id) => assertUuid(id, 'businessItem.unitIds'));
    if (unitIds.length === 0) throw new InputError('UNITS_REQUIRED', 'Name the units (科室) that do this business.', 'businessItem.unitIds');
    let legalBasisId: string | null = null;
    let legalBasis: NewLegalBasis | null = null;
    if (proposal.legalBasisId && proposal.legalBasis) throw new InputError('LEGAL_BASIS_AMBIGUOUS', 'Pick a listed legal basis or describe a new one, not both.', 'businessItem.legalBasis');
    if (proposal.legalBasisId) {
      legalBasisId = await this.existingBasis(manager, cityId, proposal.legalBasisId, 'businessItem.legalBasisId');
    } else if (proposal.legalBasis) {
      legalBasis = validateNewBasis(proposal.legalBasis);
      const listed = version.itemEligibility.value.legalBases;
      if (listed.length > 0 && legalBasis.category !== 'other') {
        throw new InputError(
          'LEGAL_BASIS_NOT_LISTED',
          `The rules list the legal bases for this category (${version.itemEligibility.citation}): pick one of them, or use the category "other" (其他因執行法定職務).`,
          'businessItem.legalBasis',
        );
      }
    } else {
      throw new InputError('LEGAL_BASIS_REQUIRED', 'Attach the legal basis (法律依據或重大政策依據) of the business item.', 'businessItem.legalBasisId');
    }
    return { businessItemId: null, proposed: { legalBasisId, legalBasis, nameZh, purposeZh, unitIds } };
  }

  private async existingBasis(manager: EntityManager, cityId: string, id: string, field: string): Promise<string> {
    const basis = await this.register.findLegalBasis(manager, cityId, assertUuid(id, field));
    if (!basis) throw new InputError('LEGAL_BASIS_NOT_FOUND', 'No legal basis of your city has this id.', field);
    if (basis.repealedOn !== null) throw new InputError('LEGAL_BASIS_REPEALED', `This legal basis was repealed on ${basis.repealedOn}.`, field);
    return basis.id;
  }

  private async lockPending(manager: EntityManager, cityId: string, id: string): Promise<ApplicationEntity> {
    const application = await manager
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.city_id = :cityId AND a.id = :id', { cityId, id })
      .getOne();
    if (!application) throw new NotFoundError('The application');
    if (application.status !== 'PENDING') {
      throw new DomainError('APPLICATION_NOT_PENDING', `This application is ${application.status.toLowerCase()}; nothing more can be done with it.`, { status: application.status });
    }
    return application;
  }

  private async nextSequence(manager: EntityManager, cityId: string, applicationId: string): Promise<number> {
    const [{ next }]: Array<{ next: number }> = await manager.query(
      `SELECT coalesce(max(sequence) + 1, 0)::int AS next FROM permissions.application_event WHERE city_id = $1 AND application_id = $2`,
      [cityId, applicationId],
    );
    return next;
  }

  private async record(
    manager: EntityManager,
    application: ApplicationEntity,
    sequence: number,
    event: ApplicationEventKind,
    actor: OfficialFacts,
    details: { stepIndex: number | null; role: string | null; action: string | null; comment: string | null; at: Date; onBehalfOf?: string | null },
  ): Promise<void> {
    await manager.getRepository(ApplicationEventEntity).insert({
      id: randomUUID(),
      cityId: application.cityId,
      applicationId: application.id,
      sequence,
      event,
      stepIndex: details.stepIndex,
      role: details.role,
      action: details.action,
      actorAccountId: actor.accountId,
      actorPersonId: actor.personId,
      actorAgencyId: actor.agencyId,
      onBehalfOf: details.onBehalfOf ?? null,
      comment: details.comment,
      actedAt: details.at,
    });
  }

  /** The last step approved: the application is approved and its change is made, once. */
  private async approve(manager: EntityManager, application: ApplicationEntity, at: Date): Promise<ApplicationEntity> {
    const businessItemId = await applyApprovedApplication(manager, application, { grants: this.grants, register: this.register }, at);
    const changes = { status: 'APPROVED' as const, currentStep: application.steps.length, awaiting: [], decidedAt: at, appliedAt: at, businessItemId };
    await manager.getRepository(ApplicationEntity).update({ cityId: application.cityId, id: application.id }, changes);
    return { ...application, ...changes };
  }
}

function parseKind(kind: string): ApplicationKind {
  if (!(APPLICATION_KINDS as readonly string[]).includes(kind)) throw new InputError('UNKNOWN_KIND', `"${kind}" is not an application kind; use ${APPLICATION_KINDS.join(', ')}.`, 'kind');
  return kind as ApplicationKind;
}

function parseOperation(operation: string): ApplicationOperation {
  if (!(APPLICATION_OPERATIONS as readonly string[]).includes(operation)) {
    throw new InputError('UNKNOWN_OPERATION', `"${operation}" is not an operation; use ${APPLICATION_OPERATIONS.join(', ')}.`, 'operation');
  }
  return operation as ApplicationOperation;
}

function validateNewBasis(basis: NewLegalBasis): NewLegalBasis {
  if (!LEGAL_BASIS_KINDS.includes(basis.kind)) throw new InputError('INVALID_LEGAL_BASIS', `The kind is one of ${LEGAL_BASIS_KINDS.join(', ')}.`, 'businessItem.legalBasis.kind');
  if (!LEGAL_BASIS_CATEGORIES.includes(basis.category)) throw new InputError('INVALID_LEGAL_BASIS', `The category is one of ${LEGAL_BASIS_CATEGORIES.join(', ')}.`, 'businessItem.legalBasis.category');
  const lawsZh = basis.lawsZh?.trim() || null;
  const purposeZh = basis.purposeZh.trim();
  if (!lawsZh && basis.category !== 'other') throw new InputError('INVALID_LEGAL_BASIS', 'Name the law or the policy and plan (法律依據或重大政策依據及計畫).', 'businessItem.legalBasis.lawsZh');
  if ((lawsZh?.length ?? 0) > 500 || purposeZh.length === 0 || purposeZh.length > 500) {
    throw new InputError('INVALID_LEGAL_BASIS', 'Laws and purpose are 1 to 500 characters.', 'businessItem.legalBasis.purposeZh');
  }
  return { kind: basis.kind, category: basis.category, lawsZh, purposeZh };
}

function actorFacts(me: OfficialFacts): ActorFacts {
  return { accountId: me.accountId, personId: me.personId, roles: me.roles, agencyId: me.agencyId, unitId: me.unitId, agencyKind: me.agency.kind };
}

function placeOf(application: ApplicationEntity): ApplicationPlace {
  return { agencyId: application.agencyId, unitId: application.unitId, agencyParentId: application.agencyParentId, commissioningAgencyId: application.commissioningAgencyId };
}
