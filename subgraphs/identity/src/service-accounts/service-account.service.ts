import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '@custos/auth';
import { ROLES } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { hasAnyRole, type RequestScope } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { assertServiceRoles } from '../accounts/account-policy';
import type { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import { AccountEntity } from '../accounts/account.entity';
import { accountSnapshot } from '../accounts/account-snapshot';
import { AgencyEntity } from '../agencies/agency.entity';
import type { AccountActor } from '../change-history/actor';
import type { ChangeHistoryService } from '../change-history/change-history.service';
import { PersonEntity } from '../people/person.entity';
import type { IssuedSession, SessionService } from '../sessions/session.service';
import { requireReason, requireUuid } from '../validation';
import { ApiTokenEntity } from './api-token.entity';
import { otherCities } from '../bureaus/bureau-reach';

// `cst_<city>_<secret>`: the city lets the lookup run under that city's row-level security.
const API_TOKEN_PATTERN = /^cst_([a-z][a-z0-9-]{1,30})_([A-Za-z0-9_-]{43})$/;
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const invalidToken = () => new DomainError('API_TOKEN_INVALID', 'This API token is not valid, has expired or was revoked.');

function requireTopAdmin(actor: AccountActor) {
  if (!hasAnyRole(actor.principal, ['TOP_ADMIN'])) throw new ForbiddenError('Only a top admin manages service accounts and their API tokens.', { requiredRoles: ['TOP_ADMIN'] });
}

function parseScopes(scopes: string[], field: string): Role[] {
  const unique = [...new Set(scopes)];
  if (unique.length === 0) throw new InputError('SCOPES_REQUIRED', 'Give at least one scope.', field);
  const unknown = unique.filter((scope) => !(ROLES as readonly string[]).includes(scope));
  if (unknown.length > 0) throw new InputError('UNKNOWN_ROLE', `Unknown scope: ${unknown.join(', ')}.`, field);
  assertServiceRoles(unique as Role[], field);
  return unique as Role[];
}

/**
 * Service accounts for reporting tools. A top admin creates one under the responsibility of a
 * named, employed official of the city (its person), with reading roles only; issues API tokens
 * scoped to some of those roles, shown once and kept as a hash; and revokes them. A tool exchanges
 * its token for a short-lived access token, which the gateway treats like any other: revoking the
 * token or the account stops it at once.
 */
export class ServiceAccountService {
  constructor(private readonly deps: { history: ChangeHistoryService; lifecycle: AccountLifecycleService; sessions: SessionService }) {}

  async create(
    scope: RequestScope,
    cityId: string,
    actor: AccountActor,
    input: { name: string; responsiblePersonId: string; agencyId: string; roles: string[]; reason: string },
    now: Date,
  ): Promise<AccountEntity> {
    requireTopAdmin(actor);
    const reason = requireReason(input.reason);
    const slug = input.name.trim().toLowerCase();
    if (!/^[a-z0-9][a-z0-9-]{2,40}$/.test(slug)) throw new InputError('INVALID_NAME', 'A service account name is 3 to 41 lowercase letters, digits or dashes.', 'name');
    const roles = parseScopes(input.roles, 'roles');
    const personId = requireUuid(input.responsiblePersonId, 'responsiblePersonId', 'The responsible person');
    const agencyId = requireUuid(input.agencyId, 'agencyId', 'The agency');
    const manager = await scope.manager(cityId);
    const person = await manager.getRepository(PersonEntity).findOneBy({ cityId, id: personId });
    if (!person) throw new InputError('UNKNOWN_PERSON', 'There is no such person in this city.', 'responsiblePersonId');
    if (person.employmentStatus !== 'EMPLOYED' || person.isVendorStaff) {
      throw new InputError('RESPONSIBLE_PERSON_NOT_ELIGIBLE', 'The official responsible for a service account must be employed staff of the city, not vendor staff.', 'responsiblePersonId');
    }
    const agency = await manager.getRepository(AgencyEntity).findOneBy({ cityId, id: agencyId });
    if (!agency) throw new InputError('UNKNOWN_AGENCY', 'There is no such agency in this city.', 'agencyId');
    // Issue 9: a bureau's reporting tool holds BUREAU_OFFICER, and only in a bureau (a CENTRAL agency running a service).
    if (roles.includes('BUREAU_OFFICER') && (agency.kind !== 'CENTRAL' || !agency.bureauService)) {
      throw new InputError('ROLE_NOT_FOR_SERVICE_ACCOUNTS', 'Only a central agency (a bureau) has service accounts with BUREAU_OFFICER.', 'roles');
    }
    const username = `svc.${slug}`;
    const taken = await manager.getRepository(AccountEntity).createQueryBuilder('account').where('account.city_id = :cityId AND lower(account.username) = :username', { cityId, username }).getCount();
    if (taken > 0) throw new InputError('USERNAME_TAKEN', 'A service account with this name already exists.', 'name');
    const account: AccountEntity = {
      id: randomUUID(),
      cityId,
      personId,
      agencyId,
      unitId: null,
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
      kind: 'SERVICE',
    };
    await manager.getRepository(AccountEntity).insert(account);
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'SERVICE_ACCOUNT_CREATED', entityType: 'SERVICE_ACCOUNT', entityId: account.id, reason, before: null, after: accountSnapshot(account) },
    ]);
    return account;
  }

  /** A new API token for a service account. The clear token is returned this once and never stored. */
  async issueToken(
    scope: RequestScope,
    cityId: string,
    actor: AccountActor,
    input: { serviceAccountId: string; name: string; scopes: string[]; expiresAt?: Date | null; reason: string; readCityIds?: string[] | null; readService?: string | null },
    now: Date,
  ): Promise<{ token: string; record: ApiTokenEntity }> {
    requireTopAdmin(actor);
    const reason = requireReason(input.reason);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw new InputError('INVALID_NAME', 'Name the token (at most 100 characters), e.g. the tool that uses it.', 'name');
    const scopes = parseScopes(input.scopes, 'scopes');
    if (input.expiresAt && input.expiresAt <= now) throw new InputError('EXPIRY_IN_PAST', 'The expiry must be in the future.', 'expiresAt');
    const manager = await scope.manager(cityId);
    const account = await this.requireServiceAccount(manager, cityId, input.serviceAccountId);
    if (account.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', `This service account is ${account.status.toLowerCase()}.`);
    const beyond = scopes.filter((role) => !account.roles.includes(role));
    if (beyond.length > 0) throw new InputError('SCOPE_BEYOND_ACCOUNT', `The service account does not hold ${beyond.join(', ')}.`, 'scopes');
    const readScope = await this.crossCityScope(manager, cityId, account, scopes, input.readCityIds ?? null, input.readService ?? null);
    const secret = randomBytes(32).toString('base64url');
    const token = `cst_${cityId}_${secret}`;
    const record: ApiTokenEntity = {
      id: randomUUID(),
      cityId,
      accountId: account.id,
      tokenHash: sha256(token),
      tokenPrefix: secret.slice(0, 6),
      scopes,
      name,
      createdAt: now,
      createdBy: actor.accountId,
      expiresAt: input.expiresAt ?? null,
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
      revokeReason: null,
      readCityIds: readScope?.cityIds ?? null,
      readService: readScope?.service ?? null,
    };
    await manager.getRepository(ApiTokenEntity).insert(record);
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'SERVICE_ACCOUNT_TOKEN_ISSUED', entityType: 'SERVICE_ACCOUNT', entityId: account.id, reason, before: null, after: { tokenId: record.id, name, scopes, prefix: record.tokenPrefix, expiresAt: record.expiresAt } },
    ]);
    return { token, record };
  }

  /**
   * Issue 9: a cross-city read scope (cities + one service) is for a bureau's service account only,
   * never for a city's: the service must be the bureau's own, the cities real tenants other than the
   * central one. Returns null when no cross-city scope was asked for.
   */
  private async crossCityScope(
    manager: EntityManager,
    cityId: string,
    account: AccountEntity,
    scopes: Role[],
    cityIds: string[] | null,
    service: string | null,
  ): Promise<{ cityIds: string[]; service: 'labor-insurance' | 'health-insurance' } | null> {
    if (!cityIds?.length && !service) return null;
    if (!cityIds?.length) throw new InputError('READ_CITIES_REQUIRED', 'Name the cities the token may read.', 'readCityIds');
    if (!service) throw new InputError('READ_SERVICE_REQUIRED', 'Name the service the token may read.', 'readService');
    const agency = await manager.getRepository(AgencyEntity).findOneBy({ cityId, id: account.agencyId });
    if (!agency?.bureauService || !scopes.includes('BUREAU_OFFICER')) {
      throw new InputError('CROSS_CITY_SCOPE_NOT_ALLOWED', 'Only a bureau’s service account with the BUREAU_OFFICER scope may read across cities.', 'readCityIds');
    }
    if (service !== agency.bureauService) throw new InputError('SERVICE_NOT_OF_BUREAU', `This bureau runs ${agency.bureauService}, not ${service}.`, 'readService');
    const known = new Set(await otherCities(manager, cityId));
    const unique = [...new Set(cityIds)].sort();
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new InputError('UNKNOWN_CITY', `Unknown city: ${unknown.join(', ')}.`, 'readCityIds');
    return { cityIds: unique, service: agency.bureauService };
  }

  async revokeToken(scope: RequestScope, cityId: string, actor: AccountActor, input: { tokenId: string; reason: string }, now: Date): Promise<ApiTokenEntity> {
    requireTopAdmin(actor);
    const reason = requireReason(input.reason);
    const tokenId = requireUuid(input.tokenId, 'tokenId', 'The API token');
    const manager = await scope.manager(cityId);
    const record = await manager.getRepository(ApiTokenEntity).findOne({ where: { cityId, id: tokenId }, lock: { mode: 'pessimistic_write' } });
    if (!record) throw new NotFoundError('The API token');
    if (record.revokedAt) throw new DomainError('API_TOKEN_REVOKED', 'This API token is already revoked.');
    Object.assign(record, { revokedAt: now, revokedBy: actor.accountId, revokeReason: reason });
    await manager.getRepository(ApiTokenEntity).update({ cityId, id: tokenId }, { revokedAt: now, revokedBy: actor.accountId, revokeReason: reason });
    // Access tokens already exchanged for it stop at once.
    await this.deps.sessions.endAllForApiToken(manager, cityId, tokenId, now, 'API_TOKEN_REVOKED');
    await this.deps.history.record(manager, cityId, actor, now, [
      { action: 'SERVICE_ACCOUNT_TOKEN_REVOKED', entityType: 'SERVICE_ACCOUNT', entityId: record.accountId, reason, before: { tokenId, revokedAt: null }, after: { tokenId, revokedAt: now.toISOString() } },
    ]);
    return record;
  }

  /** A reporting tool trades its API token for a short-lived access token holding the token's scopes. */
  async exchange(scope: RequestScope, rawToken: string, now: Date, clientAddress: string | null): Promise<IssuedSession> {
    const token = rawToken.trim();
    const match = API_TOKEN_PATTERN.exec(token);
    if (!match) throw invalidToken();
    const cityId = match[1]!;
    const manager = await scope.manager(cityId);
    const record = await manager.getRepository(ApiTokenEntity).findOneBy({ cityId, tokenHash: sha256(token) });
    if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) throw invalidToken();
    const account = await manager.getRepository(AccountEntity).findOneBy({ cityId, id: record.accountId });
    if (!account || account.kind !== 'SERVICE' || account.status !== 'ACTIVE') throw invalidToken();
    // The token's scopes, never more than the account holds now.
    const roles = record.scopes.filter((role) => account.roles.includes(role));
    if (roles.length === 0) throw invalidToken();
    await manager.getRepository(ApiTokenEntity).update({ cityId, id: record.id }, { lastUsedAt: now });
    await manager.getRepository(AccountEntity).update({ cityId, id: account.id }, { lastLoginAt: now });
    return this.deps.sessions.open(manager, { ...account, roles }, now, clientAddress, record.id);
  }

  async list(scope: RequestScope, cityId: string, actor: AccountActor): Promise<AccountEntity[]> {
    requireTopAdmin(actor);
    const manager = await scope.manager(cityId);
    return manager.getRepository(AccountEntity).find({ where: { cityId, kind: 'SERVICE' }, order: { username: 'ASC' } });
  }

  async tokensOf(scope: RequestScope, cityId: string, accountIds: readonly string[]): Promise<ApiTokenEntity[]> {
    if (accountIds.length === 0) return [];
    const manager = await scope.manager(cityId);
    return manager.getRepository(ApiTokenEntity).createQueryBuilder('token').where('token.city_id = :cityId AND token.account_id IN (:...ids)', { cityId, ids: [...accountIds] }).orderBy('token.created_at', 'ASC').getMany();
  }

  private async requireServiceAccount(manager: EntityManager, cityId: string, id: string): Promise<AccountEntity> {
    const account = await manager.getRepository(AccountEntity).findOneBy({ cityId, id: requireUuid(id, 'serviceAccountId', 'The service account') });
    if (!account || account.kind !== 'SERVICE') throw new NotFoundError('The service account');
    return account;
  }
}
