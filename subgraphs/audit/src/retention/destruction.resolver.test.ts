import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture } from '../testing/audit-fixture';
import { ensureQueryLogContract, seedQueryRecords } from '../testing/query-log-contract';

const DRAW = `mutation ($input: DrawAuditSampleInput!) { drawAuditSample(input: $input) { id sampleSize } }`;
const RUN = `mutation ($dryRun: Boolean) { destroyExpiredAuditRecords(dryRun: $dryRun) {
  dryRun destroyed { recordType recordId recordKind recordDate retainUntil ruleVersionId citation minimumYears summary destroyedBy } kept { recordType recordId reason retainUntil }
} }`;
const DESTROY = `mutation ($recordType: AuditRecordType!, $id: ID!) { destroyAuditRecord(recordType: $recordType, id: $id) { recordId citation } }`;
const LOG = `query { destructionLog { recordType recordId citation retainUntil destroyedAt } }`;

let fx: AuditFixture;
const admin = (cityId: string) => buildPrincipal(cityId, ['TOP_ADMIN']);
const auditor = (cityId: string) => buildPrincipal(cityId, ['AUDITOR']);
const ids: Record<string, string> = {};

async function drawAged(key: string, cityId: string, periodStart: string, periodEnd: string, drawnAt: string, principal = auditor(cityId)) {
  ids[key] = dataOf(await fx.execute(DRAW, { input: { periodStart, periodEnd } }, principal)).drawAuditSample.id;
  // The owner back-dates the draw, as if it had been made then.
  await fx.db.query(`update audit.audit set drawn_at = $2 where id = $1`, [ids[key], drawnAt]);
}

async function count(table: string, column: string, id: string): Promise<number> {
  return (await fx.db.query(`select count(*)::int as n from audit.${table} where ${column} = $1`, [id])).rows[0].n;
}

/** A closed investigation (and its finding) as they would stand after a scan and an investigation in `closedAt`'s year. */
async function agedInvestigation(cityId: string, version: string, closedAt: string | null): Promise<{ finding: string; investigation: string }> {
  const scan = randomUUID();
  const finding = randomUUID();
  const investigation = randomUUID();
  await fx.db.query(`insert into audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) values ($1, $2, '2019-05-01', '2019-05-31', '{bulk-queries}', '2019-06-01')`, [scan, cityId]);
  await fx.db.query(
    `insert into audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, status)
     values ($1, $2, 'bulk-queries', 'medium', $3, '2019-05-06', '2019-05-06', 25, '{}', 'bulk', $4, 'platform default', $5, '2019-06-01', $6)`,
    [finding, cityId, `bulk:${finding}`, version, scan, closedAt ? 'closed' : 'investigating'],
  );
  await fx.db.query(
    `insert into audit.investigation (id, city_id, finding_id, team_roles, team_citation, rule_version_id, opened_by, opened_at, outcome, outcome_summary, closed_by, closed_at)
     values ($1, $2, $3, '{ETHICS_OFFICER}', 'x', $4, $5, '2019-06-02', $6, $7, $5, $8)`,
    [investigation, cityId, finding, version, randomUUID(), closedAt ? 'no-misuse' : null, closedAt ? 'ok' : null, closedAt],
  );
  await fx.db.query(`insert into audit.investigation_note (id, city_id, investigation_id, author_id, author_roles, body, created_at) values ($1, $2, $3, $4, '{ETHICS_OFFICER}', 'note', '2019-06-03')`, [
    randomUUID(),
    cityId,
    investigation,
    randomUUID(),
  ]);
  return { finding, investigation };
}

let tainanOld: { finding: string; investigation: string };
let tainanOpen: { finding: string; investigation: string };

beforeAll(async () => {
  fx = await startAuditFixture({ beforeStart: ensureQueryLogContract });
  await seedQueryRecords(fx.db, [
    ...Array.from({ length: 12 }, (_, i) => ({ cityId: 'tainan', accountId: randomUUID(), agencyId: randomUUID(), queriedAt: new Date(Date.UTC(2019, 11, 2 + i, 2)) })),
    ...Array.from({ length: 3 }, (_, i) => ({ cityId: 'tainan', accountId: randomUUID(), agencyId: randomUUID(), queriedAt: new Date(Date.UTC(2024, 4, 2 + i, 2)) })),
  ]);
  await drawAged('tainanOld', 'tainan', '2019-12-01', '2019-12-31', '2020-01-10T03:00:00Z'); // 3 years (Tainan 8 第二項): gone since 2023
  await drawAged('tainanYoung', 'tainan', '2024-05-01', '2024-05-31', '2024-06-03T03:00:00Z'); // kept until 2027-06-03
  await drawAged('changhuaOld', 'changhua', '2019-07-01', '2019-12-31', '2020-01-15T03:00:00Z'); // 5 years (Changhua 8(二)): gone since 2025
  await drawAged('changhuaYoung', 'changhua', '2022-01-01', '2022-06-30', '2022-07-05T03:00:00Z'); // kept until 2027-07-05
  await drawAged('taoyuanOld', 'taoyuan', '2017-03-01', '2017-03-31', '2017-04-05T03:00:00Z', buildPrincipal('taoyuan', ['AGENCY_ADMIN'])); // Taoyuan sets no period
  tainanOld = await agedInvestigation('tainan', 'tainan-health-insurance-2018', '2019-07-01T03:00:00Z');
  tainanOpen = await agedInvestigation('tainan', 'tainan-health-insurance-2018', null);
});
afterAll(async () => {
  await fx?.stop();
});

describe('destroying audit records by the retention period of the city’s rules', () => {
  it('a dry run lists what would go and destroys nothing', async () => {
    const run = dataOf(await fx.execute(RUN, { dryRun: true }, admin('tainan'))).destroyExpiredAuditRecords;
    expect(run.dryRun).toBe(true);
    expect(run.destroyed.map((d: { recordId: string }) => d.recordId).sort()).toEqual([ids.tainanOld, tainanOld.investigation].sort());
    expect(await count('audit', 'id', ids.tainanOld!)).toBe(1);
  });

  it('refuses to destroy a record younger than its retention, citing the rule', async () => {
    const early = await fx.execute(DESTROY, { recordType: 'AUDIT', id: ids.tainanYoung }, admin('tainan'));
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RETENTION_NOT_EXPIRED', retainUntil: '2027-06-03', citation: 'Tainan 8 第二項' });
    expect(errorCode(await fx.execute(DESTROY, { recordType: 'AUDIT', id: ids.taoyuanOld }, admin('taoyuan')))).toBe('RETENTION_NOT_EXPIRED');
    expect(errorCode(await fx.execute(DESTROY, { recordType: 'INVESTIGATION', id: tainanOpen.investigation }, admin('tainan')))).toBe('RETENTION_NOT_EXPIRED');
    expect(errorCode(await fx.execute(DESTROY, { recordType: 'AUDIT', id: ids.tainanOld }, auditor('tainan')))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(DESTROY, { recordType: 'AUDIT', id: ids.tainanOld }, admin('changhua')))).toBe('NOT_FOUND');
    expect(await count('audit', 'id', ids.tainanYoung!)).toBe(1);
  });

  it('the database itself refuses a deletion the destruction log does not document with an expired period', async () => {
    const client = new pg.Client({ connectionString: fx.db.appUrl('audit') });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'tainan', true)`);
      await expect(client.query(`delete from audit.audit_sample where audit_id = $1`, [ids.tainanYoung])).rejects.toThrow(/destroyed only under a logged retention rule/);
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', 'tainan', true)`);
      // A log entry claiming a period that is not over is refused too.
      await expect(
        client.query(
          `insert into audit.destruction_log (id, city_id, record_type, record_id, record_kind, record_date, retain_until, rule_version_id, citation, minimum_years, summary, destroyed_at)
           values ($1, 'tainan', 'audit', $2, 'audit-record', '2024-06-03', '2027-06-03', 'v', 'c', 3, '{}', now())`,
          [randomUUID(), ids.tainanYoung],
        ),
      ).rejects.toThrow(/destruction_log_check/);
      await client.query('ROLLBACK');
      await expect(client.query(`truncate audit.audit_sample`)).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('destroys what has passed its period, writing what, when and under which rule; keeps the rest and says why', async () => {
    const tainan = dataOf(await fx.execute(RUN, {}, admin('tainan'))).destroyExpiredAuditRecords;
    const audit = tainan.destroyed.find((d: { recordType: string }) => d.recordType === 'AUDIT');
    expect(audit).toMatchObject({
      recordId: ids.tainanOld,
      recordKind: 'audit-record',
      recordDate: '2020-01-10',
      retainUntil: '2023-01-10',
      ruleVersionId: 'tainan-health-insurance-2018',
      citation: 'Tainan 8 第二項',
      minimumYears: 3,
    });
    expect(audit.destroyedBy).toEqual(expect.any(String));
    expect(JSON.parse(audit.summary)).toMatchObject({ period: '2019-12-01..2019-12-31', populationCount: 12, sampleSize: 10 });
    expect(await count('audit', 'id', ids.tainanOld!)).toBe(0);
    expect(await count('audit_sample', 'audit_id', ids.tainanOld!)).toBe(0);
    expect(tainan.destroyed.find((d: { recordType: string }) => d.recordType === 'INVESTIGATION')).toMatchObject({ recordId: tainanOld.investigation, recordKind: 'audit-record', citation: 'Tainan 8 第二項' });
    expect(await count('finding', 'id', tainanOld.finding)).toBe(0);
    expect(await count('investigation_note', 'investigation_id', tainanOld.investigation)).toBe(0);
    const kept = Object.fromEntries(tainan.kept.map((k: { recordId: string; reason: string }) => [k.recordId, k.reason]));
    expect(kept[ids.tainanYoung!]).toBe('kept until 2027-06-03 (Tainan 8 第二項, 3 years)');
    expect(kept[tainanOpen.investigation]).toMatch(/still open/);
    expect(await count('investigation', 'id', tainanOpen.investigation)).toBe(1);

    const changhua = dataOf(await fx.execute(RUN, {}, admin('changhua'))).destroyExpiredAuditRecords;
    expect(changhua.destroyed.map((d: { recordId: string; citation: string; minimumYears: number }) => [d.recordId, d.citation, d.minimumYears])).toEqual([[ids.changhuaOld, 'Changhua 8(二)', 5]]);
    expect(changhua.kept.map((k: { recordId: string }) => k.recordId)).toEqual([ids.changhuaYoung]);

    const taoyuan = dataOf(await fx.execute(RUN, {}, admin('taoyuan'))).destroyExpiredAuditRecords;
    expect(taoyuan.destroyed).toEqual([]);
    expect(taoyuan.kept[0].reason).toMatch(/no retention period/);

    const log = dataOf(await fx.execute(LOG, {}, auditor('tainan'))).destructionLog;
    expect(log.map((l: { recordType: string }) => l.recordType).sort()).toEqual(['AUDIT', 'FINDING', 'INVESTIGATION']);
    expect(dataOf(await fx.execute(LOG, {}, auditor('taoyuan'))).destructionLog).toEqual([]);
  });
});
