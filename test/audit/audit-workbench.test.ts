import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredZip } from '../../subgraphs/audit/src/testing/zip-reader';
import { codeOf, ensureQueryLogViews, ok, removeSeededRecords, seedRecords, spreadRecords, tokenOf } from './audit-e2e-helpers';

const DRAW = `mutation ($input: DrawAuditSampleInput!) { drawAuditSample(input: $input) { id method samplingCitation ruleVersionId populationCount populationHash sampleSize drawMethod seed } }`;
const VERIFY = `query ($auditId: ID!) { verifyAuditSample(auditId: $auditId) { samePopulation sameSample } }`;
const AUDIT = `query ($id: ID!) { audit(id: $id) {
  id state checklist { itemId } signoffs { step roles signedBy }
  sample(first: 100) { position judgments { criterion required } }
} }`;
const JUDGE = `mutation ($input: JudgeSampledRecordInput!) { judgeSampledRecord(input: $input) { position judged } }`;
const CHECKLIST = `mutation ($input: RecordChecklistInput!) { recordChecklistResults(input: $input) { id } }`;
const SIGN = `mutation ($auditId: ID!) { signOffAudit(auditId: $auditId) { state signoffs { step signedAs } } }`;
const EXPORT = `query ($auditId: ID!) { auditExport(auditId: $auditId) { manifest files { filename rows sha256 } } }`;
const DESTROY = `mutation ($id: ID!) { destroyAuditRecord(recordType: AUDIT, id: $id) { recordId } }`;
const ARCHIVE = `query ($auditId: ID!) { auditArchive(auditId: $auditId) { filename contentType base64 sha256 } }`;

/** Per demo city: the period its rules audit, who draws, and how far the demo organisation can sign (it has no agency head). */
const CITIES = [
  { cityId: 'changhua', periodStart: '2024-01-01', periodEnd: '2024-06-30', records: 12, drawer: 'AUDITOR', method: 'SAMPLE', size: 12, citation: 'Changhua 8(一)', signers: ['AUDITOR', 'UNIT_HEAD', 'TOP_ADMIN'], finalState: 'SIGNED_OFF', headMaySignFirst: false },
  { cityId: 'tainan', periodStart: '2024-05-01', periodEnd: '2024-05-31', records: 12, drawer: 'AUDITOR', method: 'SAMPLE', size: 10, citation: 'Tainan 8(一)', signers: ['AUDITOR', 'UNIT_HEAD'], finalState: 'SIGNING', headMaySignFirst: true },
  { cityId: 'taoyuan', periodStart: '2024-03-01', periodEnd: '2024-03-31', records: 5, drawer: 'AGENCY_ADMIN', method: 'FULL_REVIEW', size: 5, citation: 'Taoyuan (no provision; cf. 8(一)1)', signers: ['AGENCY_ADMIN', 'UNIT_HEAD'], finalState: 'SIGNING', headMaySignFirst: false },
  // 2019, not 2020: the query-log tests record Taipei queries in late 2020 (before the repeal), which would join this population.
  { cityId: 'taipei', periodStart: '2019-07-01', periodEnd: '2019-12-31', records: 6, drawer: 'AUDITOR', method: 'FULL_REVIEW', size: 6, citation: 'Taipei (no provision; cf. 8(一)2)', signers: ['AUDITOR'], finalState: 'SIGNING', headMaySignFirst: false },
] as const;

const seeded: string[] = [];

beforeAll(async () => {
  await ensureQueryLogViews();
  for (const city of CITIES) seeded.push(...(await seedRecords(spreadRecords(city.cityId, city.records, city.periodStart))));
});
afterAll(async () => {
  await removeSeededRecords(seeded);
});

describe('the audit workbench through the gateway', () => {
  it.each(CITIES)('$cityId: an audit is drawn by its rule, judged, signed off in order and exported', async (city) => {
    const drawer = await tokenOf(city.cityId, city.drawer);
    const drawn = (await ok(DRAW, { input: { periodStart: city.periodStart, periodEnd: city.periodEnd } }, drawer)).drawAuditSample;
    expect(drawn).toMatchObject({ method: city.method, samplingCitation: city.citation, populationCount: city.records, sampleSize: city.size });
    expect((await ok(VERIFY, { auditId: drawn.id }, drawer)).verifyAuditSample).toEqual({ samePopulation: true, sameSample: true });

    const audit = (await ok(AUDIT, { id: drawn.id }, drawer)).audit;
    expect(audit.signoffs).toHaveLength(city.cityId === 'taipei' ? 2 : 3);
    for (const record of audit.sample) {
      const judgments = record.judgments.map((j: { criterion: string; required: boolean }) => ({ criterion: j.criterion, result: j.required ? 'CONFORMS' : 'NOT_APPLICABLE' }));
      expect((await ok(JUDGE, { input: { auditId: drawn.id, position: record.position, judgments } }, drawer)).judgeSampledRecord.judged).toBe(true);
    }
    const answers = audit.checklist.map((c: { itemId: string }) => ({ itemId: c.itemId, result: 'CONFORMS' }));
    await ok(CHECKLIST, { input: { auditId: drawn.id, answers, recommendations: '無不符合項目' } }, drawer);

    // Out of order is refused: the unit head cannot sign first (in Tainan the demo head is also the 業務主管 who spot-checks, 8(一)).
    if (!city.headMaySignFirst) expect(await codeOf(SIGN, { auditId: drawn.id }, await tokenOf(city.cityId, 'UNIT_HEAD'))).toBe('FORBIDDEN');
    let state = '';
    for (const role of city.signers) state = (await ok(SIGN, { auditId: drawn.id }, await tokenOf(city.cityId, role))).signOffAudit.state;
    expect(state).toBe(city.finalState);
    // Nobody signs twice.
    expect(await codeOf(SIGN, { auditId: drawn.id }, await tokenOf(city.cityId, city.signers[0]))).toMatch(/ALREADY_SIGNED|AUDIT_SIGNED_OFF/);

    const exported = (await ok(EXPORT, { auditId: drawn.id }, await tokenOf(city.cityId, 'TOP_ADMIN'))).auditExport;
    expect(exported.files[0]).toMatchObject({ rows: city.size });
    expect(JSON.parse(exported.manifest)).toMatchObject({ audit: drawn.id, populationHash: drawn.populationHash, drawMethod: 'hash64-register-order', seed: drawn.seed, state: city.finalState });
    // The bundle for filing: the record PDF, the CSVs and a manifest of their SHA-256.
    const archive = (await ok(ARCHIVE, { auditId: drawn.id }, drawer)).auditArchive;
    const entries = readStoredZip(Buffer.from(archive.base64, 'base64'));
    expect(entries.map((e) => e.name.replace(/^audit-[a-z]+-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}/, ''))).toEqual(['manifest.json', '.pdf', '-sample.csv', ...(audit.checklist.length ? ['-checklist.csv'] : []), '-signoffs.csv']);
    expect(entries[1]!.data.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');

    // Retention: an audit drawn today is far from the end of its period; nothing younger can be destroyed.
    expect(await codeOf(DESTROY, { id: drawn.id }, await tokenOf(city.cityId, 'TOP_ADMIN'))).toBe('RETENTION_NOT_EXPIRED');
  });

  it('a caseworker cannot draw or read audits, and another city cannot see them', async () => {
    const clerk = await tokenOf('tainan', 'CASEWORKER');
    expect(await codeOf(DRAW, { input: { periodStart: '2024-04-01', periodEnd: '2024-04-30' } }, clerk)).toBe('FORBIDDEN');
    expect(await codeOf(`query { audits { id } }`, {}, clerk)).toBe('FORBIDDEN');
    const [tainanAudit] = (await ok(`query { audits { id } }`, {}, await tokenOf('tainan', 'AUDITOR'))).audits;
    expect((await ok(`query ($id: ID!) { audit(id: $id) { id } }`, { id: tainanAudit.id }, await tokenOf('taoyuan', 'AUDITOR'))).audit).toBeNull();
  });
});
