import { randomBytes, randomUUID } from 'node:crypto';
import { CertificateLoginError, verifyCertificateLogin } from '@custos/auth';
import { DomainError, InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import type { DataSource, EntityManager } from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';
import type { CityService } from '../cities/city.service';
import { PersonEntity } from '../people/person.entity';
import type { SessionService } from '../sessions/session.service';
import { LoginChallengeEntity } from './login-challenge.entity';
import { LoginThrottle } from './login-throttle';
import type { LoginPolicies } from './login-policy';
import { verifyPassword } from './password-hasher';
import type { CertificateChallengeType, SessionType } from './session.type';

/** Same message for an unknown user and a wrong password: nothing tells an attacker which it was. */
const INVALID_CREDENTIALS = () => new DomainError('INVALID_CREDENTIALS', 'The username or password is not correct.');
/** The same lockout answer for a real account and for a username that has none. */
const ACCOUNT_LOCKED = (lockedUntil: Date) =>
  new DomainError('ACCOUNT_LOCKED', `Too many failed attempts. Try again after ${lockedUntil.toISOString()}.`, { lockedUntil: lockedUntil.toISOString() });

export interface LoginServiceOptions {
  dataSource: DataSource;
  cities: CityService;
  policies: LoginPolicies;
  sessions: SessionService;
  trustedCaPems: string[];
  challengeTtlSeconds: number;
  /** Per-address limits and the lockouts, shared by every identity process through PostgreSQL. */
  throttle?: LoginThrottle;
}

export class LoginService {
  private readonly throttle: LoginThrottle;

  constructor(private readonly options: LoginServiceOptions) {
    this.throttle = options.throttle ?? new LoginThrottle(options.dataSource);
  }

  async loginWithPassword(scope: RequestScope, input: { cityId: string; username: string; password: string }, now: Date, clientAddress: string | null = null): Promise<SessionType> {
    await this.requireCity(input.cityId);
    const policy = this.options.policies.at(input.cityId, now);
    if (!policy.passwordAllowed) {
      throw new DomainError(
        'PASSWORD_LOGIN_NOT_ALLOWED',
        `This city's rules allow login with the citizen certificate only${policy.citation ? ` (${policy.citation})` : ''}.`,
        { citation: policy.citation },
      );
    }
    // An address past its failure limit is refused before any work (no hash check); otherwise this attempt
    // counts against the address until it succeeds.
    const attempt = await this.throttle.admitLogin(clientAddress, now);
    // A short transaction of its own (so no connection is held while the password hash is checked) that
    // finds the account and counts this attempt before the hash is checked, so parallel guesses cannot
    // outrun the lockout. A username without an account is counted the same way: the same threshold,
    // the same lockout, the same database work.
    const { account, reserved } = await scope.independent(input.cityId, async (manager) => {
      const found = await manager
        .getRepository(AccountEntity)
        .createQueryBuilder('account')
        .addSelect('account.passwordHash')
        .where('account.city_id = :cityId AND lower(account.username) = lower(:username)', { cityId: input.cityId, username: input.username.trim() })
        .getOne();
      const counted = found
        ? await this.throttle.reserveAccountAttempt(manager, found, policy, now)
        : await this.throttle.reserveUnknownAttempt(manager, input.cityId, input.username, policy, now);
      return { account: found, reserved: counted };
    });
    // Always verify (against a decoy when the account is unknown) so timing does not reveal which usernames exist.
    const passwordMatches = await verifyPassword(account?.passwordHash, input.password);
    if (reserved.locked) throw ACCOUNT_LOCKED(reserved.locked);
    if (!account || !passwordMatches) throw INVALID_CREDENTIALS();
    // The right password: the account's failure count starts again and the address is not charged for it.
    await scope.independent(account.cityId, (manager) => this.throttle.clearAccountAttempts(manager, account));
    await attempt.forgive();
    this.requireActive(account);
    if (policy.passwordMaxAgeDays !== null && account.passwordChangedAt) {
      const ageDays = (now.getTime() - account.passwordChangedAt.getTime()) / 86_400_000;
      if (ageDays > policy.passwordMaxAgeDays) {
        throw new DomainError('PASSWORD_EXPIRED', `Your password is older than ${policy.passwordMaxAgeDays} days and must be changed${policy.citation ? ` (${policy.citation})` : ''}.`);
      }
    }
    return this.openSession(await scope.manager(input.cityId), account, now, clientAddress);
  }

  async requestCertificateChallenge(cityId: string, now: Date, clientAddress: string | null = null): Promise<CertificateChallengeType> {
    await this.requireCity(cityId);
    await this.throttle.takeChallenge(clientAddress, now);
    const challenge: LoginChallengeEntity = {
      id: randomUUID(),
      cityId,
      challenge: `custos-login:${cityId}:${randomBytes(32).toString('base64url')}`,
      expiresAt: new Date(now.getTime() + this.options.challengeTtlSeconds * 1000),
      usedAt: null,
    };
    // Not city-scoped on purpose: a challenge is anonymous pre-login state with no personal data.
    await this.options.dataSource.getRepository(LoginChallengeEntity).insert(challenge);
    return { id: challenge.id, challenge: challenge.challenge, expiresAt: challenge.expiresAt };
  }

  async loginWithCertificate(
    scope: RequestScope,
    input: { challengeId: string; certificatePem: string; signature: string },
    now: Date,
    clientAddress: string | null = null,
  ): Promise<SessionType> {
    // Counted against the address like a password login; forgiven when it succeeds. Every refused
    // certificate login (a bad signature, a replayed challenge, an unregistered certificate) stays counted.
    const attempt = await this.throttle.admitLogin(clientAddress, now);
    const session = await this.certificateSession(scope, input, now, clientAddress);
    await attempt.forgive();
    return session;
  }

  private async certificateSession(
    scope: RequestScope,
    input: { challengeId: string; certificatePem: string; signature: string },
    now: Date,
    clientAddress: string | null,
  ): Promise<SessionType> {
    const challenge = await this.consumeChallenge(input.challengeId, now);
    const policy = this.options.policies.at(challenge.cityId, now);
    if (!policy.certificateAllowed) throw new DomainError('CERTIFICATE_LOGIN_NOT_ALLOWED', "This city's rules do not allow certificate login.");
    let verified;
    try {
      verified = await verifyCertificateLogin({
        certificatePem: input.certificatePem,
        challenge: challenge.challenge,
        signatureBase64url: input.signature,
        trustedCaPems: this.options.trustedCaPems,
        revokedSerials: await this.revokedSerials(),
        now,
      });
    } catch (error) {
      if (error instanceof CertificateLoginError) throw new DomainError(error.code, error.message);
      throw error;
    }
    const manager = await scope.manager(challenge.cityId);
    const person = await manager.getRepository(PersonEntity).findOneBy({ cityId: challenge.cityId, certificateFingerprint: verified.fingerprintSha256 });
    if (!person) throw new DomainError('CERTIFICATE_NOT_REGISTERED', 'This certificate is not registered to any official of this city.');
    // A person's own accounts only: a service account they are responsible for never signs in by certificate.
    const accounts = await manager.getRepository(AccountEntity).find({ where: { cityId: challenge.cityId, personId: person.id, kind: 'PERSONAL' }, order: { createdAt: 'ASC' } });
    const account = accounts.find((candidate) => candidate.status === 'ACTIVE') ?? accounts[0];
    if (!account) throw new DomainError('ACCOUNT_NOT_ACTIVE', 'This person has no account on the platform.');
    this.requireActive(account);
    return this.openSession(manager, account, now, clientAddress);
  }

  private async requireCity(cityId: string) {
    if (!(await this.options.cities.exists(cityId))) throw new InputError('UNKNOWN_CITY', `There is no city "${cityId}" on this platform.`, 'cityId');
  }

  private requireActive(account: AccountEntity) {
    if (account.status !== 'ACTIVE') throw new DomainError('ACCOUNT_NOT_ACTIVE', `This account is ${account.status.toLowerCase()} and cannot log in.`);
  }

  /** Marks the challenge used in its own committed transaction: a challenge works once, even if this login then fails. */
  private async consumeChallenge(challengeId: string, now: Date): Promise<LoginChallengeEntity> {
    if (!/^[0-9a-f-]{36}$/i.test(challengeId)) throw new InputError('CHALLENGE_NOT_FOUND', 'This login challenge does not exist. Start the login again.', 'challengeId');
    return this.options.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(LoginChallengeEntity);
      const challenge = await repository.findOne({ where: { id: challengeId }, lock: { mode: 'pessimistic_write' } });
      if (!challenge) throw new DomainError('CHALLENGE_NOT_FOUND', 'This login challenge does not exist. Start the login again.');
      if (challenge.usedAt) throw new DomainError('CHALLENGE_USED', 'This login challenge was already used. Start the login again.');
      if (challenge.expiresAt <= now) throw new DomainError('CHALLENGE_EXPIRED', 'This login challenge has expired. Start the login again.');
      await repository.update({ id: challenge.id }, { usedAt: now });
      return challenge;
    });
  }

  private async revokedSerials(): Promise<Set<string>> {
    const rows: Array<{ serial_number: string }> = await this.options.dataSource.query('select serial_number from identity.revoked_certificate');
    return new Set(rows.map((row) => row.serial_number));
  }

  private async openSession(manager: EntityManager, account: AccountEntity, now: Date, clientAddress: string | null): Promise<SessionType> {
    await manager.getRepository(AccountEntity).update({ id: account.id, cityId: account.cityId }, { lastLoginAt: now, failedLoginCount: 0, lockedUntil: null });
    return this.options.sessions.open(manager, account, now, clientAddress);
  }
}
