import { createSubgraphClient, createTestDatabase, createTestKeys, type TestDatabase } from '@custos/testkit';
import type { RunningScopedSubgraph } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAudit } from '../migrations';
import { startAudit } from '../server';

const TASKS = `query ($state: TaskState) { complianceTasks(state: $state) { obligationId dueOn state citation } }`;

let db: TestDatabase;
let audit: RunningScopedSubgraph;
let client: Awaited<ReturnType<typeof createSubgraphClient>>;
const principal = (cityId: string) => ({ kind: 'account' as const, accountId: randomUUID(), personId: randomUUID(), cityId, agencyId: randomUUID(), roles: ['TOP_ADMIN' as const] });

beforeAll(async () => {
  db = await createTestDatabase('audit');
  await migrateAudit(db.ownerUrl);
  const task = (cityId: string, obligation: string, due: string, done: boolean) =>
    `('${randomUUID()}', '${cityId}', '${obligation}', 'title', 'Taoyuan 4(五)3', 'AGENCY_ADMIN', '2000-01-01', '${due}', ${done ? 'now()' : 'null'})`;
  await db.query(
    `INSERT INTO audit.compliance_task (id, city_id, obligation_id, title, citation, owner_role, period_start, due_on, completed_at) VALUES ${[
      task('taoyuan', 'past-open', '2001-01-10', false),
      task('taoyuan', 'past-done', '2001-02-10', true),
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

describe('the compliance calendar', () => {
  it("lists the city's tasks by due date with their state: overdue, done, open", async () => {
    const result = await client.execute(TASKS, {}, principal('taoyuan'));
    expect(result.errors).toBeUndefined();
    expect(result.data.complianceTasks.map((t: { obligationId: string; state: string }) => [t.obligationId, t.state])).toEqual([
      ['past-open', 'OVERDUE'],
      ['past-done', 'DONE'],
      ['future', 'OPEN'],
    ]);
  });

  it('filters by state and never shows another city', async () => {
    const overdue = await client.execute(TASKS, { state: 'OVERDUE' }, principal('taoyuan'));
    expect(overdue.data.complianceTasks.map((t: { obligationId: string }) => t.obligationId)).toEqual(['past-open']);
    const tainan = await client.execute(TASKS, {}, principal('tainan'));
    expect(tainan.data.complianceTasks.map((t: { obligationId: string }) => t.obligationId)).toEqual(['elsewhere']);
  });

  it('rejects an unknown state with a validation error', async () => {
    const result = await client.execute(TASKS, { state: 'LATE' }, principal('taoyuan'));
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
