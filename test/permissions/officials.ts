import { createAccessTokenSigner, type JWK, type Role } from '@custos/auth';
import { demoAgencyId, demoUnitId } from '@custos/demo';
import { randomUUID } from 'node:crypto';
import { ownerQuery, platformSecrets } from '../support/platform';

export interface TestOfficial {
  cityId: string;
  accountId: string;
  personId: string;
  agencyId: string;
  unitId: string | null;
  roles: Role[];
  token: string;
}

/**
 * An official the demo organisation lacks (an agency head, a reviewing officer, a vendor, someone in
 * a district office): a person and an account in identity, and an access token signed with
 * identity's key, as a login would give.
 */
export async function createOfficial(cityId: string, agencyKey: string, roles: Role[], options: { unitKey?: string; vendor?: boolean; status?: string } = {}): Promise<TestOfficial> {
  const accountId = randomUUID();
  const personId = randomUUID();
  const agencyId = demoAgencyId(cityId, agencyKey);
  const unitId = options.unitKey ? demoUnitId(cityId, options.unitKey) : null;
  const username = `${cityId}.t${accountId.slice(0, 8)}`;
  await ownerQuery(
    // The owner connection is not subject to row-level security.
    `WITH person AS (INSERT INTO identity.person (id, city_id, display_name, is_vendor_staff) VALUES ($2, $1, $3, $4) RETURNING id)
     INSERT INTO identity.account (id, city_id, person_id, agency_id, unit_id, username, roles, status)
     SELECT $5, $1, person.id, $6, $7, $8, $9, $10 FROM person`,
    [cityId, personId, `測試 ${roles.join('/')}`, options.vendor ?? false, accountId, agencyId, unitId, username, roles, options.status ?? 'ACTIVE'],
  );
  const secrets = await platformSecrets();
  const signer = await createAccessTokenSigner(secrets.identitySigningKey.privateJwk as JWK);
  const { token } = await signer.sign({ kind: 'account', accountId, personId, cityId, agencyId, roles }, 600);
  return { cityId, accountId, personId, agencyId, unitId, roles, token };
}
