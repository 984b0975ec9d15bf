import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANOMALY_RULE_IDS, ANOMALY_RULES } from '../anomalies/anomaly-rules';
import { AnomalyRuleKind, FindingSeverity } from '../anomalies/anomaly.type';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture, type TestPrincipal } from '../testing/audit-fixture';
import { FindingAndAuditChecks1797300000000 } from './1797300000000-finding-and-audit-checks';

/**
 * finding.rule_id and audit.rule_version_id are checked from 1797300000000 on; rows written before it
 * stay as they were (evidence) and every list that presents them still answers, with them flagged.
 */
const UNKNOWN_VERSION = 'taoyuan-labor-insurance-1999';
const TAOYUAN_VERSION = 'taoyuan-labor-insurance-2016';

const FINDINGS = `query { findings { id rule ruleId severity status } }`;
const FINDING = `query ($id: ID!) { finding(id: $id) { id rule ruleId } }`;
const OPEN = `mutation ($findingId: ID!) { openInvestigation(findingId: $findingId) { id } }`;
const AUDITS = `query { audits { id ruleVersionId ruleVersionKnown state progress { checklistItems } checklist { itemId } signoffs { step signedBy } } }`;
const SIGN = `mutation ($auditId: ID!) { signOffAudit(auditId: $auditId) { id } }`;
const BUREAU_FINDINGS = `query { bureauFindings(first: 50) { totalCount nodes { id rule ruleId } } }`;
const BUREAU_AUDITS = `query { bureauAudits(first: 50) { totalCount nodes { id ruleVersionId ruleVersionKnown state } } }`;

const ids = { scan: randomUUID(), madeUpFinding: randomUUID(), finding: randomUUID(), unknownAudit: randomUUID(), emptyAudit: randomUUID(), audit: randomUUID() };
const signer = randomUUID();
const auditor: TestPrincipal = buildPrincipal('taoyuan', ['AUDITOR']);
const labor = { ...buildPrincipal('central', ['BUREAU_OFFICER']), crossCity: { cityIds: ['taoyuan'], service: 'labor-insurance' } } as unknown as TestPrincipal;

let f: AuditFixture;

async function seedBeforeChecks(db: AuditFixture['db']) {
  await db.query(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_at) VALUES ($1, 'taoyuan', '2026-01-01', '2026-01-31', '{}', now())`, [ids.scan]);
  const finding = (id: string, ruleId: string, detectedAt: string) =>
    db.query(
      `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at, service)
       VALUES ($1, 'taoyuan', $2, 'high', $6, '2026-01-05T01:00:00Z', '2026-01-05T02:00:00Z', 1, ARRAY[$1]::uuid[], 'seeded', $3, 'c', $4, $5, 'labor-insurance')`,
      [id, ruleId, TAOYUAN_VERSION, ids.scan, detectedAt, `seeded:${id}`],
    );
  await finding(ids.madeUpFinding, 'made-up-rule', '2026-01-07T00:00:00Z');
  await finding(ids.finding, 'bulk-queries', '2026-01-06T00:00:00Z');
  const audit = (id: string, versionId: string, month: string) =>
    db.query(
      `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, seed, population_count, population_hash, sample_size, drawn_by, drawn_at)
       VALUES ($1, 'taoyuan', 'labor-insurance', $2, 'sample', 'c', $3::date, ($3::date + interval '1 month' - interval '1 day')::date, $4, 0, $5, 0, $6, now())`,
      [id, versionId, `2026-${month}-01`, 'a'.repeat(32), 'b'.repeat(64), randomUUID()],
    );
  await audit(ids.unknownAudit, UNKNOWN_VERSION, '01');
  await audit(ids.emptyAudit, '', '02');
  await audit(ids.audit, TAOYUAN_VERSION, '03');
  // A signature on record under a version nobody knows: evidence that must still show.
  await db.query(`INSERT INTO audit.audit_signoff (audit_id, city_id, step, role, account_id, agency_id, signed_at) VALUES ($1, 'taoyuan', 1, 'AUDITOR', $2, $3, now())`, [
    ids.unknownAudit,
    signer,
    randomUUID(),
  ]);
}

beforeAll(async () => {
  f = await startAuditFixture({ seedBeforeMigration: { migration: FindingAndAuditChecks1797300000000, seed: seedBeforeChecks } });
}, 120_000);

afterAll(async () => {
  await f?.stop();
});

/** The quoted values of a `col IN (...)` / `= ANY (ARRAY[...])` check, as PostgreSQL prints it. */
async function checkedValues(constraint: string): Promise<string[]> {
  const { rows } = await f.db.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1 AND connamespace = 'audit'::regnamespace`, [constraint]);
  expect(rows).toHaveLength(1);
  return [...(rows[0].def as string).matchAll(/'([^']*)'::text/g)].map((m) => m[1]!).sort();
}

/** Runs `sql` as the audit subgraph's own role in a transaction of `cityId`, rolled back; the error PostgreSQL raised, if any. */
async function asApplication(cityId: string, sql: string, params: unknown[]): Promise<{ code?: string; constraint?: string } | null> {
  const client = new pg.Client({ connectionString: f.db.appUrl('audit') });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`select set_config('app.city_id', $1, true)`, [cityId]);
    await client.query(sql, params);
    return null;
  } catch (error) {
    return error as { code?: string; constraint?: string };
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
    await client.end();
  }
}

const insertFinding = (ruleId: string) =>
  asApplication(
    'taoyuan',
    `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, window_start, window_end, record_count, record_ids, summary, rule_version_id, citation, scan_id, detected_at)
     VALUES ($1, 'taoyuan', $2, 'low', $5, now(), now(), 1, ARRAY[$1]::uuid[], 's', $3, 'c', $4, now())`,
    [randomUUID(), ruleId, TAOYUAN_VERSION, ids.scan, `new:${randomUUID()}`],
  );
const insertAudit = (versionId: string) =>
  asApplication(
    'taoyuan',
    `INSERT INTO audit.audit (id, city_id, service, rule_version_id, method, sampling_citation, period_start, period_end, draw_method, seed, population_count, population_hash, sample_size, drawn_by)
     VALUES ($1, 'taoyuan', 'labor-insurance', $2, 'sample', 'c', '2025-01-01', '2025-01-31', 'md5-sorted-ids', $3, 0, $4, 0, $5)`,
    [randomUUID(), versionId, 'a'.repeat(32), 'b'.repeat(64), randomUUID()],
  );

describe('the checks follow the code', () => {
  it('finding_rule_id_known admits exactly the anomaly rules the code defines (a new rule needs a new migration)', async () => {
    const code = [...ANOMALY_RULE_IDS].sort();
    expect(await checkedValues('finding_rule_id_known')).toEqual(code);
    expect([...Object.values(AnomalyRuleKind)].sort()).toEqual(code);
    expect(ANOMALY_RULES.map((rule) => rule.id).sort()).toEqual(code);
  });

  it('the severity check admits exactly the severities GraphQL presents', async () => {
    expect(await checkedValues('finding_severity_check')).toEqual([...Object.values(FindingSeverity)].sort());
  });
});

describe('new rows are checked', () => {
  it('a finding of a made-up rule, written as the application role, is refused by PostgreSQL; a known rule goes in', async () => {
    expect(await insertFinding('made-up-rule')).toMatchObject({ code: '23514', constraint: 'finding_rule_id_known' });
    expect(await insertFinding('bulk-queries')).toBeNull();
  });

  it('an audit with an empty or malformed rule version is refused; a well-formed one goes in', async () => {
    expect(await insertAudit('')).toMatchObject({ code: '23514', constraint: 'audit_rule_version_id_well_formed' });
    expect(await insertAudit('Taoyuan 2016')).toMatchObject({ code: '23514', constraint: 'audit_rule_version_id_well_formed' });
    expect(await insertAudit(TAOYUAN_VERSION)).toBeNull();
  });
});

describe('rows written before the checks', () => {
  it('are kept as they were written', async () => {
    const { rows } = await f.db.query(`SELECT rule_id FROM audit.finding WHERE id = $1 UNION ALL SELECT rule_version_id FROM audit.audit WHERE id = $2`, [ids.madeUpFinding, ids.emptyAudit]);
    expect(rows.map((r) => r.rule_id)).toEqual(['made-up-rule', '']);
  });

  it('findings lists them with no rule and the stored rule id, beside the readable ones', async () => {
    const findings = dataOf(await f.execute(FINDINGS, {}, auditor)).findings;
    expect(findings).toHaveLength(2);
    expect(findings).toEqual(expect.arrayContaining([
      { id: ids.madeUpFinding, rule: null, ruleId: 'made-up-rule', severity: 'HIGH', status: 'OPEN' },
      { id: ids.finding, rule: 'BULK_QUERIES', ruleId: 'bulk-queries', severity: 'HIGH', status: 'OPEN' },
    ]));
    expect(dataOf(await f.execute(FINDING, { id: ids.madeUpFinding }, auditor)).finding).toEqual({ id: ids.madeUpFinding, rule: null, ruleId: 'made-up-rule' });
  });

  it('a finding of an unknown rule cannot be investigated: a typed refusal, not an internal error', async () => {
    expect(errorCode(await f.execute(OPEN, { findingId: ids.madeUpFinding }, buildPrincipal('taoyuan', ['AUDITOR', 'UNIT_HEAD', 'ETHICS_OFFICER', 'IT_OFFICER'])))).toBe(
      'UNKNOWN_ANOMALY_RULE',
    );
  });

  it('audits lists an audit of an unknown or empty rule version, flagged, with the signatures on record', async () => {
    const audits = dataOf(await f.execute(AUDITS, {}, auditor)).audits;
    const byId = new Map(audits.map((a: { id: string }) => [a.id, a]));
    expect(byId.get(ids.unknownAudit)).toEqual({
      id: ids.unknownAudit,
      ruleVersionId: UNKNOWN_VERSION,
      ruleVersionKnown: false,
      state: 'SIGNING',
      progress: { checklistItems: 0 },
      checklist: [],
      signoffs: [{ step: 1, signedBy: signer }],
    });
    // Nothing left to judge, but signing is refused: not READY_FOR_SIGNOFF.
    expect(byId.get(ids.emptyAudit)).toMatchObject({ ruleVersionId: '', ruleVersionKnown: false, state: 'DRAWN', signoffs: [] });
    expect(byId.get(ids.audit)).toMatchObject({ ruleVersionId: TAOYUAN_VERSION, ruleVersionKnown: true });
    expect((byId.get(ids.audit) as { checklist: unknown[] }).checklist.length).toBeGreaterThan(0);
  });

  it('signing an audit of an unknown rule version is refused with a typed error', async () => {
    expect(errorCode(await f.execute(SIGN, { auditId: ids.emptyAudit }, auditor))).toBe('UNKNOWN_RULE_VERSION');
  });

  it('the bureau’s lists answer too, with the same flags', async () => {
    const findings = dataOf(await f.execute(BUREAU_FINDINGS, {}, labor)).bureauFindings;
    expect(findings.nodes).toEqual([
      { id: ids.madeUpFinding, rule: null, ruleId: 'made-up-rule' },
      { id: ids.finding, rule: 'BULK_QUERIES', ruleId: 'bulk-queries' },
    ]);
    const audits = dataOf(await f.execute(BUREAU_AUDITS, {}, labor)).bureauAudits;
    const flags = Object.fromEntries(audits.nodes.map((a: { id: string; ruleVersionKnown: boolean; state: string }) => [a.id, [a.ruleVersionKnown, a.state]]));
    expect(flags).toEqual({ [ids.unknownAudit]: [false, 'SIGNING'], [ids.emptyAudit]: [false, 'DRAWN'], [ids.audit]: [true, 'DRAWN'] });
  });
});
