import { DEMO_PASSWORD, demoAgencies, demoCentralTenant, demoCities, demoUnits, demoUsers, demoAgencyId, demoUnitId } from '@custos/demo';
import pg from 'pg';
import { hashPassword } from '../login/password-hasher';

export interface IdentityDemoSeedOptions {
  /** SHA-256 fingerprints of each demo user's generated certificate, by username. */
  certificateFingerprints: Record<string, string>;
}

/**
 * Demo organisation for the four cities. Idempotent (ON CONFLICT DO NOTHING), run as the owner;
 * each city's rows are written with that city set, so the row-level policies hold even here.
 */
export async function seedIdentityDemo(ownerUrl: string, options: IdentityDemoSeedOptions): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  try {
    await client.query('BEGIN');
    for (const city of [...demoCities, demoCentralTenant]) {
      await client.query('INSERT INTO identity.city (id, name, name_en) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [city.id, city.name, city.nameEn]);
      await client.query(`select set_config('app.city_id', $1, true)`, [city.id]);
      // Parents before children: the list is ordered governing → reviewing → social → district.
      for (const agency of demoAgencies.filter((a) => a.cityId === city.id)) {
        await client.query(
          `INSERT INTO identity.agency (id, city_id, parent_id, commissioning_agency_id, kind, name, name_en, bureau_service) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
          [
            agency.id,
            city.id,
            agency.parentKey ? demoAgencyId(city.id, agency.parentKey) : null,
            agency.commissioningAgencyKey ? demoAgencyId(city.id, agency.commissioningAgencyKey) : null,
            agency.kind,
            agency.name,
            agency.nameEn,
            agency.bureauService ?? null,
          ],
        );
      }
      for (const unit of demoUnits.filter((u) => u.cityId === city.id)) {
        await client.query('INSERT INTO identity.unit (id, city_id, agency_id, name, name_en) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [
          unit.id, city.id, demoAgencyId(city.id, unit.agencyKey), unit.name, unit.nameEn,
        ]);
      }
      for (const user of demoUsers.filter((u) => u.cityId === city.id)) {
        await client.query(
          `INSERT INTO identity.person (id, city_id, display_name, myegov_account_id, certificate_fingerprint) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [user.personId, city.id, user.displayName, `myegov-${user.username}`, options.certificateFingerprints[user.username] ?? null],
        );
        await client.query(
          `INSERT INTO identity.account (id, city_id, person_id, agency_id, unit_id, username, roles, password_hash, password_changed_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING`,
          [user.accountId, city.id, user.personId, demoAgencyId(city.id, user.agencyKey), user.unitKey ? demoUnitId(city.id, user.unitKey) : null, user.username, user.roles, passwordHash],
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
