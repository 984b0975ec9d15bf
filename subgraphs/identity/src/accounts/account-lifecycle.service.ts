import { randomUUID } from 'node:crypto';
import type { AccountPrincipal, Role } from '@custos/auth';
import { ROLES } from '@custos/auth';
import { DomainError, InputError, NotFoundError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AgencyEntity } from '../agencies/agency.entity';
import { UnitEntity } from '../agencies/unit.entity';
import type { AccountActor, Actor } from '../change-history/actor';
import type { ChangeEntry, ChangeHistoryService } from '../change-history/change-history.service';
import { maskNationalId, parseNationalId, type NationalIdHasher } from '../people/national-id';
import { PersonEntity } from '../people/person.entity';
import type { AccountRules, AccountRulesSource } from '../rules/account-rules';
import type { SessionService } from '../sessions/session.service';
import { requireReason, requireUuid } from '../validation';
import { AccountEntity, type AccountStatus } from './account.entity';
import { accountSnapshot, personSnapshot } from './account-snapshot';
import { adminScopeOf, assertMayActOn, assertMayAssign, assertNotSelf, assertServiceRoles, assertVendorRule, type AdminScope } from './account-policy';

export interface NewPersonCommand {
  displayName: string;
  myEGovAccountId?: string | null;
  certificateFingerprint?: string | null;
  nationalId: string;
  isVendorStaff: boolean;
}

export interface CreateAccountCommand {
  /** An existing person of the city, or `person` for a new one: exactly one. */
  personId?: string | null;
  person?: NewPersonCommand | null;
  agencyId: string;
  unitId?: string | null;
  username: string;
  roles: string[];
  reason: string;
}

export interface ChangeAccountCommand {
  accountId: string;
  roles?: string[] | null;
  agencyId?: string | null;
  /** Omitted: unchanged (cleared when the agency changes); null: no unit. */
  unitId?: string | null;
  reason: string;
}

export type StatusCommand = 'SUSPEND' | 'REACTIVATE' | 'REVOKE';

const TRANSITIONS: Record<StatusCommand, { from: AccountStatus[]; to: AccountStatus; action: ChangeEntry['action'] }> = {
  SUSPEND: { from: ['ACTIVE'], to: 'SUSPENDED', action: 'ACCOUNT_SUSPENDED' },
  REACTIVATE: { from: ['SUSPENDED'], to: 'ACTIVE', action: 'ACCOUNT_REACTIVATED' },
  REVOKE: { from: ['ACTIVE', 'SUSPENDED'], to: 'REVOKED', action: 'ACCOUNT_REVOKED' },
};

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

export interface AccountLifecycleDeps {
  rules: AccountRulesSource;
  history: ChangeHistoryService;
  sessions: SessionService;
  nationalIds: NationalIdHasher;
}

function parseRoles(roles: string[], field = 'roles'): Role[] {
  const unique = [...new Set(roles)];
  if (unique.length === 0) throw new InputError('ROLES_REQUIRED', 'An account needs at least one role.', field);
  const unknown = unique.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new InputError('UNKNOWN_ROLE', `Unknown role: ${unknown.join(', ')}.`, field);
  return unique as Role[];
}

function parseFingerprint(raw: string | null | undefined, field: string): string | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null;
  const hex = raw.trim().toLowerCase().replace(/:/g, '');
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new InputError('INVALID_CERTIFICATE_FINGERPRINT', 'Give the certificate’s SHA-256 fingerprint: 64 hexadecimal digits (colons allowed).', field);
  return hex;
}

function optionalText(raw: string | null | undefined, field: string, what: string, max = 100): string | null {
  const text = raw?.trim() ?? '';
  if (text === '') return null;
  if (text.length > max) throw new InputError('TOO_LONG', `${what} must be at most ${max} characters.`, field);
  return text;
}

/** Unique-index races become the same clear input errors the checks before them give. */
function translateUniqueViolation(error: unknown): never {
  if (error instanceof QueryFailedError && (error.driverError as { code?: string })?.code === '23505') {
    const constraint = String((error.driverError as { constraint?: string }).constraint ?? '');
    if (constraint.includes('username')) throw new InputError('USERNAME_TAKEN', 'This username is already in use in this city.', 'username');
    if (constraint.includes('national_id')) throw new InputError('DUPLICATE_PERSON', 'A person with this national ID is already registered in this city.', 'person.nationalId');
    if (constraint.includes('certificate')) throw new InputError('CERTIFICATE_ALREADY_REGISTERED', 'This certificate is already registered to another person.', 'person.certificateFingerprint');
  }
  throw error;
}

/**
 * The account lifecycle commands. Each is one transaction in the caller's city: it checks who may
 * act (account-policy.ts), validates every input before writing, makes the change and records it
 * in the change history with who, when, from where and why.
 */
export class AccountLifecycleService {
  constructor(private readonly deps: AccountLifecycleDeps) {}

  async create(scope: RequestScope, cityId: string, actor: AccountActor, command: CreateAccountCommand, now: Date): Promise<AccountEntity> {
    const reason = requireReason(command.reason);
    const roles = parseRoles(command.roles);
    const username = command.username.trim().toLowerCase();
    if (!USERNAME.test(username)) {
      throw new InputError('INVALID_USERNAME', 'A username is 3 to 64 characters: lowercase letters, digits, dot, dash or underscore, starting with a letter or digit.', 'username');
    }
    if (Boolean(command.personId) === Boolean(command.person)) throw new InputError('PERSON_REQUIRED', 'Give either an existing person or the details of a new one.', 'personId');
    const agencyId = requireUuid(command.agencyId, 'agencyId', 'The agency');
    const unitId = command.unitId ? requireUuid(command.unitId, 'unitId', 'The unit') : null;
    const newPerson = command.person ? this.parseNewPerson(cityId, command.person) : null;
    const rules = this.deps.rules.at(cityId, now);

    const manager = await scope.manager(cityId);
    const adminScope = await adminScopeOf(manager, actor.principal, rules);
    await this.requireAgencyAndUnit(manager, cityId, agencyId, unitId);
    assertMayAssign(adminScope, roles, agencyId);

    let person: PersonEntity;
    if (newPerson) {
      await this.refuseDuplicatePerson(manager, cityId, newPerson);
      person = newPerson;
    } else {
      const found = await manager.getRepository(PersonEntity).findOneBy({ cityId, id: requireUuid(command.personId!, 'personId', 'The person') });
      if (!found) throw new InputError('UNKNOWN_PERSON', 'There is no such person in this city.', 'personId');
      if (found.employmentStatus === 'DEPARTED') throw new DomainError('PERSON_HAS_LEFT', 'This person has left; they cannot be given a new account.');
      person = found;
    }
    assertNotSelf(actor.principal, { personId: person.id });
    this.requirePrerequisites(rules, person);
    assertVendorRule(rules, person, roles);
    const taken = await manager.getRepository(AccountEntity).createQueryBuilder('account').where('account.city_id = :cityId AND lower(account.username) = :username', { cityId, username }).getCount();
    if (taken > 0) throw new InputError('USERNAME_TAKEN', 'This username is already in use in this city.', 'username');

    const account: AccountEntity = {
      id: randomUUID(),
      cityId,
      personId: person.id,
      agencyId,
      unitId,
      username,
      roles,
      status: 'ACTIVE',
      passwordHash: null,
      passwordChangedAt: null,
      failedLoginCount: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: now,
      statusReason: reason,
      statusChangedAt: now,
      revokeOn: null,
      revokeOnReason: null,
      kind: 'PERSONAL',
    };
    try {
      if (newPerson) await manager.getRepository(PersonEntity).insert(newPerson);
      await manager.getRepository(AccountEntity).insert(account);
    } catch (error) {
      translateUniqueViolation(error);
    }
    const entries: ChangeEntry[] = [];
    if (newPerson) entries.push({ action: 'PERSON_CREATED', entityType: 'PERSON', entityId: person.id, reason, before: null, after: personSnapshot(person) });
    entries.push({ action: 'ACCOUNT_CREATED', entityType: 'ACCOUNT', entityId: account.id, reason, before: null, after: accountSnapshot(account) });
    await this.deps.history.record(manager, cityId, actor, now, entries);
    return account;
  }

  async change(scope: RequestScope, cityId: string, actor: AccountActor, command: ChangeAccountCommand, now: Date): Promise<AccountEntity> {
    const reason = requireReason(command.reason);
    const accountId = requireUuid(command.accountId, 'accountId', 'The account');
    const newRoles = command.roles ? parseRoles(command.roles) : null;
    const newAgencyId = command.agencyId ? requireUuid(command.agencyId, 'agencyId', 'The agency') : null;
    const newUnitId = command.unitId ? requireUuid(command.unitId, 'unitId', 'The unit') : command.unitId;
    const rules = this.deps.rules.at(cityId, now);

    const manager = await scope.manager(cityId);
    const account = await this.lockAccount(manager, cityId, accountId);
    if (account.status === 'REVOKED') throw new DomainError('ACCOUNT_REVOKED', 'A revoked account cannot be changed; create a new account instead.');
    const adminScope = await adminScopeOf(manager, actor.principal, rules);
    assertMayActOn(adminScope, account);

    const before = accountSnapshot(account);
    const agencyId = newAgencyId ?? account.agencyId;
    const agencyChanged = agencyId !== account.agencyId;
    // A unit belongs to one agency: moving the account to another agency leaves its old unit behind.
    const unitId = newUnitId !== undefined ? newUnitId : agencyChanged ? null : account.unitId;
    const roles = newRoles ?? account.roles;
    await this.requireAgencyAndUnit(manager, cityId, agencyId, unitId ?? null);
    assertMayAssign(adminScope, roles, agencyId);
    const person = await manager.getRepository(PersonEntity).findOneByOrFail({ cityId, id: account.personId });
    assertVendorRule(rules, person, roles);

    if (account.kind === 'SERVICE') assertServiceRoles(roles);
    const rolesChanged = [...roles].sort().join() !== [...account.roles].sort().join();
    if (!rolesChanged && !agencyChanged && (unitId ?? null) === account.unitId) {
      throw new InputError('NOTHING_TO_CHANGE', 'The account already has these roles, this agency and this unit.', 'accountId');
    }
    Object.assign(account, { roles, agencyId, unitId: unitId ?? null });
    await manager.getRepository(AccountEntity).update({ cityId, id: account.id }, { roles, agencyId, unitId: unitId ?? null });
    // Access tokens carry roles and agency: tokens issued before the change must not outlive it.
    if (rolesChanged || agencyChanged) await this.deps.sessions.endAllForAccount(manager, account, now, 'ACCOUNT_CHANGED');
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_CHANGED', entityType: 'ACCOUNT', entityId: account.id, reason, before, after: accountSnapshot(account) },
    ]);
    return account;
  }

  async setStatus(scope: RequestScope, cityId: string, actor: AccountActor, accountIdInput: string, command: StatusCommand, reasonInput: string, now: Date): Promise<AccountEntity> {
    const reason = requireReason(reasonInput);
    const accountId = requireUuid(accountIdInput, 'accountId', 'The account');
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const account = await this.lockAccount(manager, cityId, accountId);
    const adminScope = await adminScopeOf(manager, actor.principal, rules);
    assertMayActOn(adminScope, account);
    if (command === 'REACTIVATE') {
      const person = await manager.getRepository(PersonEntity).findOneByOrFail({ cityId, id: account.personId });
      if (person.employmentStatus === 'DEPARTED') throw new DomainError('PERSON_HAS_LEFT', 'This person has left; their account cannot be reactivated.');
      assertVendorRule(rules, person, account.roles);
    }
    return this.transition(manager, account, command, actor, reason, now);
  }

  /**
   * Ends an account's password lockout early (too many failed logins): its failure count starts again.
   * The account's agency admin (or, where the rules allow, the admin of the agency above) and the
   * city's top admin may do it, for accounts they manage (account-policy.ts), never their own; an
   * account of another city is not found. Recorded in the change history and, by trigger, the trail.
   */
  async unlock(scope: RequestScope, cityId: string, actor: AccountActor, accountIdInput: string, reasonInput: string, now: Date): Promise<AccountEntity> {
    const reason = requireReason(reasonInput);
    const accountId = requireUuid(accountIdInput, 'accountId', 'The account');
    const rules = this.deps.rules.at(cityId, now);
    const manager = await scope.manager(cityId);
    const account = await this.lockAccount(manager, cityId, accountId);
    assertMayActOn(await adminScopeOf(manager, actor.principal, rules), account);
    const lockedUntil = account.lockedUntil && account.lockedUntil > now ? account.lockedUntil : null;
    if (!lockedUntil && account.failedLoginCount === 0) throw new DomainError('ACCOUNT_NOT_LOCKED', 'This account is not locked out: there is nothing to unlock.');
    const before = { ...accountSnapshot(account), lockedUntil, failedLoginCount: account.failedLoginCount };
    Object.assign(account, { lockedUntil: null, failedLoginCount: 0 });
    await manager.getRepository(AccountEntity).update({ cityId, id: account.id }, { lockedUntil: null, failedLoginCount: 0 });
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'ACCOUNT_UNLOCKED', entityType: 'ACCOUNT', entityId: account.id, reason, before, after: { ...accountSnapshot(account), lockedUntil: null, failedLoginCount: 0 } },
    ]);
    return account;
  }

  /**
   * Moves an account to its next status and records it. Also used by the leaver job and the
   * annual review, which have checked their own authority.
   */
  async transition(manager: EntityManager, account: AccountEntity, command: StatusCommand, actor: Actor, reason: string, now: Date): Promise<AccountEntity> {
    const transition = TRANSITIONS[command];
    if (!transition.from.includes(account.status)) {
      throw new DomainError('INVALID_STATUS_CHANGE', `This account is ${account.status.toLowerCase()}; it cannot be ${transition.to.toLowerCase()} now.`, { status: account.status });
    }
    const before = accountSnapshot(account);
    const changes = { status: transition.to, statusReason: reason, statusChangedAt: now, ...(transition.to === 'REVOKED' ? { revokeOn: null, revokeOnReason: null } : {}) };
    Object.assign(account, changes);
    await manager.getRepository(AccountEntity).update({ cityId: account.cityId, id: account.id }, changes);
    if (transition.to !== 'ACTIVE') await this.deps.sessions.endAllForAccount(manager, account, now, transition.action);
    await this.deps.history.record(manager, account.cityId, actor, now, [
      { action: transition.action, entityType: 'ACCOUNT', entityId: account.id, reason, before, after: accountSnapshot(account) },
    ]);
    return account;
  }

  /** Ends an account's sessions and refuses its tokens issued until now (for commands elsewhere). */
  endSessions(manager: EntityManager, account: AccountEntity, now: Date, reason: string): Promise<void> {
    return this.deps.sessions.endAllForAccount(manager, account, now, reason);
  }

  /** The admin scope of an actor, for commands elsewhere (duty changes, handovers, reviews). */
  scopeOf(manager: EntityManager, actor: AccountPrincipal, rules: AccountRules): Promise<AdminScope> {
    return adminScopeOf(manager, actor, rules);
  }

  async lockAccount(manager: EntityManager, cityId: string, accountId: string): Promise<AccountEntity> {
    const account = await manager.getRepository(AccountEntity).findOne({ where: { cityId, id: accountId }, lock: { mode: 'pessimistic_write' } });
    if (!account) throw new NotFoundError('The account');
    return account;
  }

  private parseNewPerson(cityId: string, input: NewPersonCommand): PersonEntity {
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > 100) throw new InputError('INVALID_NAME', 'Give the person’s name (at most 100 characters).', 'person.displayName');
    const nationalId = parseNationalId(input.nationalId, 'person.nationalId');
    return {
      id: randomUUID(),
      cityId,
      displayName,
      myEGovAccountId: optionalText(input.myEGovAccountId, 'person.myEGovAccountId', 'The MyEGov account id'),
      certificateFingerprint: parseFingerprint(input.certificateFingerprint, 'person.certificateFingerprint'),
      employmentStatus: 'EMPLOYED',
      isVendorStaff: input.isVendorStaff,
      nationalIdHash: this.deps.nationalIds.hash(cityId, nationalId),
      nationalIdMasked: maskNationalId(nationalId),
      leftOn: null,
    };
  }

  private async refuseDuplicatePerson(manager: EntityManager, cityId: string, person: PersonEntity): Promise<void> {
    const people = manager.getRepository(PersonEntity);
    if (await people.existsBy({ cityId, nationalIdHash: person.nationalIdHash! })) {
      throw new InputError('DUPLICATE_PERSON', 'A person with this national ID is already registered in this city: create the account for that person instead.', 'person.nationalId');
    }
    if (person.certificateFingerprint && (await people.existsBy({ cityId, certificateFingerprint: person.certificateFingerprint }))) {
      throw new InputError('CERTIFICATE_ALREADY_REGISTERED', 'This certificate is already registered to another person.', 'person.certificateFingerprint');
    }
  }

  /** Every city's forms require a MyEGov official account and an uploaded citizen certificate before an account opens. */
  private requirePrerequisites(rules: AccountRules, person: PersonEntity): void {
    const { value, citation } = rules.prerequisites;
    if (value.includes('myegov-official-account') && !person.myEGovAccountId) {
      throw new InputError('PREREQUISITE_MISSING', `An account needs the person’s MyEGov official account first (${citation}).`, 'person.myEGovAccountId', { citation });
    }
    if (value.includes('citizen-certificate-uploaded') && !person.certificateFingerprint) {
      throw new InputError('PREREQUISITE_MISSING', `An account needs the person’s citizen certificate registered first (${citation}).`, 'person.certificateFingerprint', { citation });
    }
  }

  private async requireAgencyAndUnit(manager: EntityManager, cityId: string, agencyId: string, unitId: string | null): Promise<void> {
    if (!(await manager.getRepository(AgencyEntity).existsBy({ cityId, id: agencyId }))) throw new InputError('UNKNOWN_AGENCY', 'There is no such agency in this city.', 'agencyId');
    if (unitId && !(await manager.getRepository(UnitEntity).existsBy({ cityId, id: unitId, agencyId }))) {
      throw new InputError('UNIT_NOT_IN_AGENCY', 'This unit does not belong to the account’s agency.', 'unitId');
    }
  }
}
