import { createSubgraphDataSource } from '@custos/tenancy';
import { createTestDatabase, type TestDatabase } from '@custos/testkit';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntities } from '../entities';
import { migrateAudit } from '../migrations';
import { createAuditServices } from '../services';
import { runCalendarJob } from './calendar-job';

let db: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  db = await createTestDatabase('audit');
  await migrateAudit(db.ownerUrl);
  dataSource = await createSubgraphDataSource({ url: db.appUrl('audit'), schema: 'audit', entities: auditEntities, poolSize: 1 });
});
afterAll(async () => {
  await dataSource?.destroy();
  await db?.drop();
});

describe('the calendar job', () => {
  it("generates every city's tasks as the subgraph's own role, once", async () => {
    const options = { from: '2020-01-01', to: '2020-12-31', today: '2020-01-01' };
    const first = await runCalendarJob(dataSource, createAuditServices(), options);
    expect(first.map((r) => r.cityId)).toEqual(['taipei', 'taoyuan', 'changhua', 'tainan']);
    for (const result of first) expect(result.created).toBe(result.due);
    expect(first.every((r) => r.created > 0)).toBe(true);
    const again = await runCalendarJob(dataSource, createAuditServices(), options);
    expect(again.map((r) => r.created)).toEqual([0, 0, 0, 0]);
    const rows = (await db.query(`select city_id, count(*)::int as n from audit.compliance_task group by city_id order by city_id`)).rows;
    expect(rows.map((r) => r.city_id)).toEqual(['changhua', 'tainan', 'taipei', 'taoyuan']);
  });
});
