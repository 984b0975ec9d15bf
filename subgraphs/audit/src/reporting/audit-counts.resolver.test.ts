import { createSubgraphClient, createTestDatabase, createTestKeys, type TestDatabase } from '@custos/testkit';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAudit } from '../migrations';
import { startAudit } from '../server';

/** Issue 9: the audit aggregates on seeded rows with known counts. */
const FINDINGS = `query ($filter: FindingCountFilter) { findingCounts(filter: $filter) { ruleId severity count unresolved } }`;
const OVERDUE = `query { overdueTaskCounts { obligationId ownerRole count oldestDueOn } }`;

let db: TestDatabase;
let audit: RunningScopedSubgraph;
let client: Awaited<ReturnType<typeof createSubgraphClient>>;
const principal = (cityId: string, roles: string[] = ['AUDITOR']) => ({ kind: 'account' as const, accountId: randomUUID(), personId: randomUUID(), cityId, agencyId: randomUUID(), roles: roles as never });

beforeAll(async () => {
  db = await createTestDatabase('audit_counts');
  await migrateAudit(db.ownerUrl);
  const scans: Record<string, string> = { taoyuan: randomUUID(), tainan: randomUUID() };
  for (const [cityId, id] of Object.entries(scans)) {
    await db.query(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, $2, '2026-01-01', '2026-01-31', '{}', now())`, [id, cityId]);
  }
  let n = 0;
  const finding = (cityId: string, rule: string, severity: string, status: string, detected: string) =>
    db.query(
      `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, status)
       VALUES ($1, $2, $3, $4, $5, now(), now(), 1, ARRAY[$1]::uuid[], 's', 'v', 'c', $6, $7, $8)`,
      [randomUUID(), cityId, rule, severity, `f${++n}`, scans[cityId], detected, status],
    );
  await finding('taoyuan', 'outside-office-hours', 'medium', 'open', '2026-01-05T00:00:00Z');
  await finding('taoyuan', 'outside-office-hours', 'medium', 'closed', '2026-01-06T00:00:00Z');
  await finding('taoyuan', 'subject-many-users', 'high', 'investigating', '2026-02-01T00:00:00Z');
  await finding('taoyuan', 'outside-office-hours', 'low', 'open', '2026-02-02T00:00:00Z');
  await finding('tainan', 'outside-office-hours', 'high', 'open', '2026-01-05T00:00:00Z');
  const task = (cityId: string, obligation: string, due: string, done: boolean) =>
    `('${randomUUID()}', '${cityId}', '${obligation}', 'title', 'Taoyuan 4(五)3', 'AGENCY_ADMIN', '${due}', '${due}', ${done ? 'now()' : 'null'})`;
  await db.query(
    `INSERT INTO audit.compliance_task (id, city_id, obligation_id, title, citation, owner_role, period_start, due_on, completed_at) VALUES ${[
      task('taoyuan', 'monthly-register', '2001-01-10', false),
      task('taoyuan', 'monthly-register', '2001-02-10', false),
      task('taoyuan', 'monthly-register', '2001-03-10', true),
      task('taoyuan', 'half-year-audit', '2001-06-30', false),
      task('taoyuan', 'future', '2999-01-10', false),
      task('tainan', 'elsewhere', '2001-01-10', false),
    ].join(',')}`,
  );
  const keys = await createTestKeys();
  audit = await startAudit({ NODE_ENV: 'test', SUBGRAPH_HOST: '127.0.0.1', SUBGRAPH_PORT: 0, SUBGRAPH_DATABASE_URL: db.appUrl('audit'), SUBGRAPH_POOL_SIZE: 3, GATEWAY_PUBLIC_KEY: keys.gateway.publicJwk as Record<string, unknown> });
  client = await createSubgraphClient(audit.url, keys.gateway.privateJwk);
});

afterAll(async () => {
  await audit?.stop();
  await db?.drop();
});

describe('audit aggregates', () => {
  it('counts the city’s findings by rule and severity, high first, with how many are unresolved', async () => {
    const result = await client.execute(FINDINGS, {}, principal('taoyuan'));
    expect(result.errors).toBeUndefined();
    expect(result.data.findingCounts).toEqual([
      { ruleId: 'subject-many-users', severity: 'high', count: 1, unresolved: 1 },
      { ruleId: 'outside-office-hours', severity: 'medium', count: 2, unresolved: 1 },
      { ruleId: 'outside-office-hours', severity: 'low', count: 1, unresolved: 1 },
    ]);
    const january = await client.execute(FINDINGS, { filter: { to: '2026-02-01T00:00:00Z', status: 'open' } }, principal('taoyuan'));
    expect(january.data.findingCounts).toEqual([{ ruleId: 'outside-office-hours', severity: 'medium', count: 1, unresolved: 1 }]);
    expect((await client.execute(FINDINGS, { filter: { status: 'lost' } }, principal('taoyuan'))).errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATUS', field: 'status' });
    expect((await client.execute(FINDINGS, {}, principal('taoyuan', ['CASEWORKER']))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts overdue, not-done tasks by obligation, most first, in the caller’s city only', async () => {
    const result = await client.execute(OVERDUE, {}, principal('taoyuan', ['TOP_ADMIN']));
    expect(result.errors).toBeUndefined();
    expect(result.data.overdueTaskCounts).toEqual([
      { obligationId: 'monthly-register', ownerRole: 'AGENCY_ADMIN', count: 2, oldestDueOn: '2001-01-10' },
      { obligationId: 'half-year-audit', ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2001-06-30' },
    ]);
    const tainan = await client.execute(OVERDUE, {}, principal('tainan'));
    expect(tainan.data.overdueTaskCounts).toEqual([{ obligationId: 'elsewhere', ownerRole: 'AGENCY_ADMIN', count: 1, oldestDueOn: '2001-01-10' }]);
  });
});
