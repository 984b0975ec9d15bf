import { demoAgencyId, demoUnitId, demoUsers } from '@custos/demo';
import { itemCatalogue, listCities, rules } from '@custos/rules';
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Items each demo caseworker holds: the first few of their city's service catalogue. */
const DEMO_ITEMS_PER_CASEWORKER = 3;
/** When the demo agencies were linked: before Taipei's repeal, so its rules can be tried on old dates. */
const DEMO_GRANTED_AT = '2020-01-01T00:00:00Z';
const DEMO_USER_GRANTED_AT = '2020-01-02T00:00:00Z';

function stableId(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function grantId(accountId: string, itemKey: string): string {
  return stableId(`${accountId}/${itemKey}`);
}

/** A registered basis for the demo social-assistance business where the rules list none of their own. */
const SOCIAL_ASSISTANCE = { laws: '社會救助法', purpose: '辦理社會救助及社會福利相關業務' };

/**
 * Demo data, idempotent, written under each city's own setting so row-level policies hold: the legal
 * bases the rules list (Tainan 2), each city's social agency's business item with its legal basis
 * and the agency's grants of the items its caseworkers hold, the caseworkers' grants tied to them,
 * and the agency's office networks.
 */
export async function seedPermissionsDemo(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const city of listCities()) {
      await client.query(`select set_config('app.city_id', $1, true)`, [city.id]);
      const versions = rules.versions(city.id, city.service);
      // The legal bases the rules themselves list, from the version that first lists each.
      const listed = new Map<string, { basis: (typeof versions)[number]['itemEligibility']['value']['legalBases'][number]; from: string }>();
      for (const version of versions) {
        for (const basis of version.itemEligibility.value.legalBases) if (!listed.has(basis.citation)) listed.set(basis.citation, { basis, from: version.effectiveFrom });
      }
      for (const { basis, from } of listed.values()) {
        await client.query(
          `INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, citation, effective_from) VALUES ($1, $2, 'law', $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [stableId(`${city.id}/legal-basis/${basis.citation}`), city.id, basis.category, basis.lawsZh, basis.purposeZh, basis.citation, from],
        );
      }
      const social = [...listed.values()].find(({ basis }) => basis.lawsZh === SOCIAL_ASSISTANCE.laws);
      const basisId = social ? stableId(`${city.id}/legal-basis/${social.basis.citation}`) : stableId(`${city.id}/legal-basis/demo-social-assistance`);
      if (!social) {
        await client.query(
          `INSERT INTO permissions.legal_basis (id, city_id, kind, category, laws_zh, purpose_zh, citation, effective_from) VALUES ($1, $2, 'law', 'social', $3, $4, NULL, $5) ON CONFLICT DO NOTHING`,
          [basisId, city.id, SOCIAL_ASSISTANCE.laws, SOCIAL_ASSISTANCE.purpose, versions[0]!.effectiveFrom],
        );
      }

      const agencyId = demoAgencyId(city.id, 'social');
      const unitId = demoUnitId(city.id, 'assistance');
      const items = itemCatalogue(city.service).slice(0, DEMO_ITEMS_PER_CASEWORKER).map((item) => item.key);
      const businessItemId = stableId(`${city.id}/business-item/social-assistance`);
      await client.query(
        `INSERT INTO permissions.business_item (id, city_id, agency_id, unit_ids, legal_basis_id, name_zh, purpose_zh, item_keys, registered_at)
         VALUES ($1, $2, $3, $4, $5, '社會救助資格審核', $6, $7, $8) ON CONFLICT DO NOTHING`,
        [businessItemId, city.id, agencyId, [unitId], basisId, SOCIAL_ASSISTANCE.purpose, items, DEMO_GRANTED_AT],
      );
      for (const itemKey of items) {
        await client.query(
          `INSERT INTO permissions.agency_grant (id, city_id, agency_id, item_key, business_item_id, granted_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [stableId(`${agencyId}/${businessItemId}/${itemKey}`), city.id, agencyId, itemKey, businessItemId, DEMO_GRANTED_AT],
        );
      }
      for (const user of demoUsers.filter((u) => u.cityId === city.id && u.roles.includes('CASEWORKER'))) {
        for (const itemKey of items) {
          await client.query(
            `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at, agency_id, unit_id, business_item_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
            [grantId(user.accountId, itemKey), city.id, user.accountId, itemKey, DEMO_USER_GRANTED_AT, agencyId, unitId, businessItemId],
          );
          // Grants seeded before the register existed: tie them to it.
          await client.query(
            `UPDATE permissions.user_grant SET agency_id = $3, unit_id = $4, business_item_id = $5 WHERE city_id = $1 AND id = $2 AND agency_id IS NULL`,
            [city.id, grantId(user.accountId, itemKey), agencyId, unitId, businessItemId],
          );
        }
      }
      for (const [network, label] of [
        ['10.0.0.0/8', '市府內網 (demo)'],
        ['192.168.0.0/16', '機關辦公室 (demo)'],
      ] as const) {
        await client.query(
          `INSERT INTO permissions.agency_network (id, city_id, agency_id, network, label, added_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [stableId(`${agencyId}/network/${network}`), city.id, agencyId, network, label, DEMO_GRANTED_AT],
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
