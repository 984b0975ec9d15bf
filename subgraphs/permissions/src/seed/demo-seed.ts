import { demoUsers } from '@custos/demo';
import { itemCatalogue, listCities } from '@custos/rules';
import { createHash } from 'node:crypto';
import pg from 'pg';

/** Items each demo caseworker holds: the first few of their city's service catalogue. */
const DEMO_ITEMS_PER_CASEWORKER = 3;

function grantId(accountId: string, itemKey: string): string {
  const hex = createHash('sha256').update(`${accountId}/${itemKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Demo grants, idempotent, written under each city's own setting so row-level policies hold. */
export async function seedPermissionsDemo(ownerUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const city of listCities()) {
      await client.query(`select set_config('app.city_id', $1, true)`, [city.id]);
      const items = itemCatalogue(city.service).slice(0, DEMO_ITEMS_PER_CASEWORKER);
      for (const user of demoUsers.filter((u) => u.cityId === city.id && u.roles.includes('CASEWORKER'))) {
        for (const item of items) {
          await client.query(
            `INSERT INTO permissions.user_grant (id, city_id, account_id, item_key, granted_at) VALUES ($1, $2, $3, $4, '2020-01-02T00:00:00Z') ON CONFLICT DO NOTHING`,
            [grantId(user.accountId, item.key), city.id, user.accountId, item.key],
          );
        }
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
