import type { AccountPrincipal, Role } from '@custos/auth';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

/**
 * Test factories that write the identity subgraph's tables directly as the database owner (after
 * its migrations ran), each city's rows under that city's setting so row-level policies hold:
 *
 *   const kit = seedKit(ownerUrl);
 *   const city = await kit.createCity();
 *   const agency = await kit.createAgency(city.id);
 *   const user = await kit.createUser({ cityId: city.id, agencyId: agency.id, roles: ['CASEWORKER'] });
 *
 * Every factory has sensible defaults and returns what a test needs next (ids, a principal).
 */
export interface CreatedCity { id: string; name: string; nameEn: string }
export interface CreatedAgency { id: string; cityId: string; name: string; kind: string }
export interface CreatedUser {
  accountId: string;
  personId: string;
  cityId: string;
  agencyId: string;
  unitId: string | null;
  username: string;
  roles: Role[];
  principal: AccountPrincipal;
}

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter += 1).toString(36)}`;

export function seedKit(ownerUrl: string) {
  async function inCity<T>(cityId: string | null, work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: ownerUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      if (cityId) await client.query(`select set_config('app.city_id', $1, true)`, [cityId]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      await client.end();
    }
  }

  return {
    async createCity(overrides: Partial<CreatedCity> = {}): Promise<CreatedCity> {
      const city = { id: overrides.id ?? `city-${next()}`, name: overrides.name ?? '測試市', nameEn: overrides.nameEn ?? 'Test City' };
      await inCity(null, (client) => client.query('INSERT INTO identity.city (id, name, name_en) VALUES ($1, $2, $3)', [city.id, city.name, city.nameEn]));
      return city;
    },

    async createAgency(cityId: string, overrides: { name?: string; kind?: string; parentId?: string; commissioningAgencyId?: string } = {}): Promise<CreatedAgency> {
      const agency = { id: randomUUID(), cityId, name: overrides.name ?? `測試機關 ${next()}`, kind: overrides.kind ?? 'USING' };
      await inCity(cityId, (client) =>
        client.query('INSERT INTO identity.agency (id, city_id, parent_id, commissioning_agency_id, kind, name) VALUES ($1, $2, $3, $4, $5, $6)', [
          agency.id, cityId, overrides.parentId ?? null, overrides.commissioningAgencyId ?? null, agency.kind, agency.name,
        ]),
      );
      return agency;
    },

    async createUnit(cityId: string, agencyId: string, name = `測試科 ${next()}`): Promise<{ id: string }> {
      const id = randomUUID();
      await inCity(cityId, (client) => client.query('INSERT INTO identity.unit (id, city_id, agency_id, name) VALUES ($1, $2, $3, $4)', [id, cityId, agencyId, name]));
      return { id };
    },

    /** An official with an account; pass `passwordHash` (Argon2id) to let them log in by password. */
    async createUser(options: {
      cityId: string;
      agencyId: string;
      unitId?: string;
      roles?: Role[];
      username?: string;
      displayName?: string;
      passwordHash?: string;
      status?: 'ACTIVE' | 'SUSPENDED' | 'REVOKED';
      isVendorStaff?: boolean;
      certificateFingerprint?: string;
    }): Promise<CreatedUser> {
      const personId = randomUUID();
      const accountId = randomUUID();
      const roles = options.roles ?? ['CASEWORKER'];
      const username = options.username ?? `${options.cityId}.user-${next()}`;
      await inCity(options.cityId, async (client) => {
        await client.query('INSERT INTO identity.person (id, city_id, display_name, is_vendor_staff, certificate_fingerprint) VALUES ($1, $2, $3, $4, $5)', [
          personId, options.cityId, options.displayName ?? `測試人員 ${next()}`, options.isVendorStaff ?? false, options.certificateFingerprint ?? null,
        ]);
        await client.query(
          `INSERT INTO identity.account (id, city_id, person_id, agency_id, unit_id, username, roles, status, password_hash, password_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
          [accountId, options.cityId, personId, options.agencyId, options.unitId ?? null, username, roles, options.status ?? 'ACTIVE', options.passwordHash ?? null],
        );
      });
      return {
        accountId,
        personId,
        cityId: options.cityId,
        agencyId: options.agencyId,
        unitId: options.unitId ?? null,
        username,
        roles,
        principal: { kind: 'account', accountId, personId, cityId: options.cityId, agencyId: options.agencyId, roles },
      };
    },
  };
}

export type SeedKit = ReturnType<typeof seedKit>;
