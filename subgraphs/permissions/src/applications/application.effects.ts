import { DomainError } from '@custos/federation';
import type { EntityManager } from 'typeorm';
import type { GrantService } from '../grants/grant.service';
import { IDENTITY_GRANT_ROLE_TOPIC, IDENTITY_REVOKE_ROLE_TOPIC, enqueueOutboxEvent } from '../outbox/outbox';
import type { RegisterService } from '../register/register.service';
import type { ApplicationEntity } from './application.entity';

/**
 * What an approved application changes, made in the approving transaction. Grants carry the
 * application's id under unique indexes and outbox events a dedupe key, so the change is made exactly
 * once: the application row is locked and moves to APPROVED in the same transaction.
 *
 * Outbox payloads for identity (topic → payload):
 * - `identity.account-role.grant` → { applicationId, accountId, personId?, role, agencyId, unitId, replacesAccountId, revokeReplacedRoleAfterGrant }
 *   Give `accountId` the role (create the role-bearing account if the person has none in that agency);
 *   then, if `replacesAccountId` is set, take the same role from that account (Changhua 4(三): the new
 *   admin's account before the old one is stopped).
 * - `identity.account-role.revoke` → { applicationId, accountId, role }: take the role away (the user's querying account is deleted).
 */
export async function applyApprovedApplication(
  manager: EntityManager,
  application: ApplicationEntity,
  services: { grants: GrantService; register: RegisterService },
  at: Date,
): Promise<string | null> {
  if (application.appliedAt !== null) return application.businessItemId;
  const { cityId } = application;
  const reason = `application ${application.id}`;
  const firstStepRole = applyRole(application);
  switch (application.kind) {
    case 'agency-items': {
      if (application.operation === 'remove') {
        const holdings = await services.grants.agencyHoldings(manager, cityId, application.agencyId, application.itemsToRemove);
        const ids = [...holdings.values()].flat().map((grant) => grant.id);
        await services.grants.revokeAgencyGrants(manager, cityId, ids, at, reason);
        return null;
      }
      let businessItemId = application.businessItemId;
      const proposal = application.proposedBusinessItem;
      if (!businessItemId && proposal) {
        const legalBasisId = proposal.legalBasisId ?? (await services.register.createLegalBasis(manager, cityId, proposal.legalBasis!, toDate(at))).id;
        const entry = await services.register.createBusinessItem(manager, cityId, {
          agencyId: application.agencyId,
          unitIds: proposal.unitIds,
          legalBasisId,
          nameZh: proposal.nameZh,
          purposeZh: proposal.purposeZh,
          itemKeys: application.itemsToAdd,
          registeredAt: at,
          applicationId: application.id,
        });
        businessItemId = entry.id;
      }
      if (!businessItemId) throw new DomainError('BUSINESS_ITEM_REQUIRED', 'The application names no business item.');
      await services.grants.grantAgencyItems(manager, cityId, { agencyId: application.agencyId, businessItemId, itemKeys: application.itemsToAdd, at, applicationId: application.id });
      return businessItemId;
    }
    case 'user-account': {
      const accountId = application.subjectAccountId;
      if (application.operation === 'delete') {
        await services.grants.revokeUserItems(manager, cityId, accountId, null, at, reason);
        await enqueueOutboxEvent(manager, cityId, {
          topic: IDENTITY_REVOKE_ROLE_TOPIC,
          dedupeKey: `application:${application.id}:revoke-role`,
          payload: { applicationId: application.id, accountId, role: firstStepRole },
          at,
        });
        return null;
      }
      if (application.itemsToRemove.length > 0) await services.grants.revokeUserItems(manager, cityId, accountId, application.itemsToRemove, at, reason);
      if (application.itemsToAdd.length > 0) {
        // Checked again now: the agency may have lost an item while the application was under way.
        await services.grants.grantUserItems(manager, cityId, {
          accountId,
          agencyId: application.agencyId,
          unitId: application.subjectUnitId,
          itemKeys: application.itemsToAdd,
          at,
          applicationId: application.id,
        });
      }
      if (application.operation === 'new') {
        await enqueueOutboxEvent(manager, cityId, {
          topic: IDENTITY_GRANT_ROLE_TOPIC,
          dedupeKey: `application:${application.id}:grant-role`,
          payload: { applicationId: application.id, accountId, personId: application.subjectPersonId, role: firstStepRole, agencyId: application.agencyId, unitId: application.subjectUnitId, replacesAccountId: null, revokeReplacedRoleAfterGrant: false },
          at,
        });
      }
      return null;
    }
    case 'agency-admin-account': {
      await enqueueOutboxEvent(manager, cityId, {
        topic: IDENTITY_GRANT_ROLE_TOPIC,
        dedupeKey: `application:${application.id}:grant-role`,
        payload: {
          applicationId: application.id,
          accountId: application.subjectAccountId,
          personId: application.subjectPersonId,
          role: firstStepRole,
          agencyId: application.agencyId,
          unitId: application.subjectUnitId,
          replacesAccountId: application.replacesAccountId,
          revokeReplacedRoleAfterGrant: application.replacesAccountId !== null,
        },
        at,
      });
      return null;
    }
  }
}

/** The role the applicant's own step names: the role an account application asks for. */
function applyRole(application: ApplicationEntity): string {
  return application.applyRole ?? (application.kind === 'user-account' ? 'CASEWORKER' : 'AGENCY_ADMIN');
}

function toDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
