import type { Role } from '@custos/auth';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrincipal, dataOf, errorCode, startAuditFixture, type AuditFixture, type TestPrincipal } from '../testing/audit-fixture';
import { hexOf, inspectPdf } from '../testing/pdf-reader';
import { ensureQueryLogContract, seedQueryRecords } from '../testing/query-log-contract';
import { readStoredZip } from '../testing/zip-reader';

const DRAW = `mutation ($input: DrawAuditSampleInput!) { drawAuditSample(input: $input) { id sampleSize state } }`;
const AUDIT = `query ($id: ID!) { audit(id: $id) {
  id state recommendations previousResultNote
  progress { sampleSize judgedRecords nonconformingRecords checklistItems checklistAnswered }
  checklist { itemId textZh verbatim citation result note previousResult previousAuditId }
  signoffs { step roles titleZh signedBy signedAs }
  sample(first: 100) { position judged judgments { criterion required result note citation } }
} }`;
const JUDGE = `mutation ($input: JudgeSampledRecordInput!) { judgeSampledRecord(input: $input) { position judged judgments { criterion result note } } }`;
const CHECKLIST = `mutation ($input: RecordChecklistInput!) { recordChecklistResults(input: $input) { id recommendations previousResultNote } }`;
const SIGN = `mutation ($auditId: ID!, $note: String) { signOffAudit(auditId: $auditId, note: $note) { id state signoffs { step signedBy signedAs } } }`;
const GENERATE = `mutation ($from: String!, $to: String!) { generateComplianceCalendar(from: $from, to: $to) { tasks { id obligationId } } }`;
const TASKS = `query ($dueFrom: String, $dueTo: String) { complianceTasks(dueFrom: $dueFrom, dueTo: $dueTo) { obligationId state completionNote } }`;

const ALL_CONFORM = [
  { criterion: 'LEGITIMATE_PURPOSE', result: 'CONFORMS' },
  { criterion: 'WITHIN_BUSINESS_ITEM', result: 'CONFORMS' },
  { criterion: 'REGISTER_COMPLETE', result: 'CONFORMS' },
  { criterion: 'PRE_APPROVAL_PRESENT', result: 'CONFORMS' },
  { criterion: 'PRINTOUT_HANDLED', result: 'CONFORMS' },
];
const TAINAN_ITEMS = ['permission-applications', 'approved-user-roster', 'revoke-on-duty-change', 'lawful-purpose-necessity', 'security-measures'];

let fx: AuditFixture;
const agencyId = randomUUID();
const person = (cityId: string, roles: Role[]): TestPrincipal => buildPrincipal(cityId, roles, { agencyId });
const tainan = { auditor: person('tainan', ['AUDITOR', 'ETHICS_OFFICER']), head: person('tainan', ['UNIT_HEAD']), chief: person('tainan', ['AGENCY_HEAD']) };

function records(cityId: string, count: number, from: string) {
  return Array.from({ length: count }, (_, i) => ({ cityId, agencyId, accountId: randomUUID(), queriedAt: new Date(Date.parse(`${from}T02:00:00Z`) + i * 3_600_000) }));
}

async function draw(principal: TestPrincipal, periodStart: string, periodEnd: string) {
  return dataOf(await fx.execute(DRAW, { input: { periodStart, periodEnd } }, principal)).drawAuditSample;
}

async function judgeAll(auditId: string, size: number, principal: TestPrincipal, judgments = ALL_CONFORM) {
  for (let position = 1; position <= size; position++) {
    dataOf(await fx.execute(JUDGE, { input: { auditId, position, judgments } }, principal));
  }
}

beforeAll(async () => {
  fx = await startAuditFixture({ beforeStart: ensureQueryLogContract });
  await seedQueryRecords(fx.db, [...records('tainan', 12, '2024-05-02'), ...records('tainan', 11, '2024-06-03'), ...records('changhua', 3, '2024-02-01'), ...records('taoyuan', 2, '2024-03-04'), ...records('taipei', 2, '2020-08-03')]);
});
afterAll(async () => {
  await fx?.stop();
});

describe('reviewing an audit: Tainan 附件四 from draw to sign-off', () => {
  let auditId: string;

  it('starts with the sample to judge, the five 附件四 items and the sign-off chain of the rules', async () => {
    dataOf(await fx.execute(GENERATE, { from: '2024-05-01', to: '2024-05-31' }, buildPrincipal('tainan', ['TOP_ADMIN'])));
    const drawn = await draw(tainan.auditor, '2024-05-01', '2024-05-31');
    auditId = drawn.id;
    expect(drawn).toMatchObject({ sampleSize: 10, state: 'DRAWN' });
    const audit = dataOf(await fx.execute(AUDIT, { id: auditId }, tainan.auditor)).audit;
    expect(audit.checklist.map((c: { itemId: string }) => c.itemId)).toEqual(TAINAN_ITEMS);
    expect(audit.checklist[0]).toMatchObject({ textZh: '是否依規定辦理權限申請。', verbatim: true, citation: 'Tainan 附件四', result: null, previousResult: null });
    expect(audit.signoffs.map((s: { roles: string[] }) => s.roles)).toEqual([['AUDITOR', 'UNIT_ADMIN'], ['UNIT_HEAD'], ['AGENCY_HEAD']]);
    expect(audit.signoffs[1].titleZh).toBe('科(室、組)長');
    expect(audit.sample[0].judgments.map((j: { criterion: string; required: boolean }) => [j.criterion, j.required])).toEqual([
      ['LEGITIMATE_PURPOSE', true],
      ['WITHIN_BUSINESS_ITEM', true],
      ['REGISTER_COMPLETE', true],
      ['PRE_APPROVAL_PRESENT', true],
      ['PRINTOUT_HANDLED', true],
    ]);
    expect(audit.sample[0].judgments[3].citation).toBe('Tainan 7(一)');
  });

  it('refuses bad judgments, a caseworker and another city, and signing before the review is done', async () => {
    const judge = (judgments: unknown, principal = tainan.auditor, position = 1) => fx.execute(JUDGE, { input: { auditId, position, judgments } }, principal);
    expect(errorCode(await judge([{ criterion: 'PRE_APPROVAL_PRESENT', result: 'NOT_APPLICABLE' }]))).toBe('CRITERION_REQUIRED');
    expect((await judge([{ criterion: 'LEGITIMATE_PURPOSE', result: 'NONCONFORMING' }])).errors?.[0]?.extensions).toMatchObject({ code: 'NOTE_REQUIRED', field: 'judgments.0.note' });
    expect(errorCode(await judge([ALL_CONFORM[0], ALL_CONFORM[0]]))).toBe('DUPLICATE_CRITERION');
    expect(errorCode(await judge([{ criterion: 'LEGITIMATE_PURPOSE', result: 'MAYBE' }]))).toBe('BAD_USER_INPUT');
    expect(errorCode(await judge(ALL_CONFORM, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    expect(errorCode(await judge(ALL_CONFORM, buildPrincipal('changhua', ['AUDITOR'])))).toBe('NOT_FOUND');
    expect(errorCode(await judge(ALL_CONFORM, tainan.auditor, 11))).toBe('NOT_FOUND');
    expect(errorCode(await fx.execute(SIGN, { auditId }, tainan.auditor))).toBe('REVIEW_INCOMPLETE');
    const [{ n }] = (await fx.db.query(`select count(*)::int as n from audit.sample_judgment`)).rows;
    expect(n).toBe(0);
  });

  it('records judgments and the checklist, with 不符 explained', async () => {
    await judgeAll(auditId, 10, tainan.auditor);
    const revised = dataOf(
      await fx.execute(JUDGE, { input: { auditId, position: 3, judgments: [{ criterion: 'PRE_APPROVAL_PRESENT', result: 'NONCONFORMING', note: '核可日期晚於查詢日期' }] } }, tainan.auditor),
    ).judgeSampledRecord;
    expect(revised.judgments.find((j: { criterion: string }) => j.criterion === 'PRE_APPROVAL_PRESENT')).toEqual({ criterion: 'PRE_APPROVAL_PRESENT', result: 'NONCONFORMING', note: '核可日期晚於查詢日期' });
    const answers = TAINAN_ITEMS.map((itemId) => ({ itemId, result: 'CONFORMS' }));
    answers[2] = { itemId: 'revoke-on-duty-change', result: 'NONCONFORMING', note: '一名離職人員帳號未於清查時註銷' } as never;
    expect(errorCode(await fx.execute(CHECKLIST, { input: { auditId, answers: [{ itemId: 'coffee', result: 'CONFORMS' }] } }, tainan.auditor))).toBe('UNKNOWN_CHECKLIST_ITEM');
    expect(errorCode(await fx.execute(CHECKLIST, { input: { auditId, answers: [{ itemId: 'security-measures', result: 'NONCONFORMING' }] } }, tainan.auditor))).toBe('NOTE_REQUIRED');
    const saved = dataOf(await fx.execute(CHECKLIST, { input: { auditId, answers, recommendations: '請於一週內註銷離職人員帳號', previousResultNote: '無不符合項目' } }, tainan.auditor));
    expect(saved.recordChecklistResults).toMatchObject({ recommendations: '請於一週內註銷離職人員帳號', previousResultNote: '無不符合項目' });
    const audit = dataOf(await fx.execute(AUDIT, { id: auditId }, tainan.head)).audit;
    expect(audit.state).toBe('READY_FOR_SIGNOFF');
    expect(audit.progress).toEqual({ sampleSize: 10, judgedRecords: 10, nonconformingRecords: 1, checklistItems: 5, checklistAnswered: 5 });
  });

  it('is signed by the auditor, then the unit head, then the agency head — in that order, nobody twice', async () => {
    // Step 1 is the auditor's, or the 業務主管's who spot-checks (Tainan 8(一)); not the section or agency head.
    expect(errorCode(await fx.execute(SIGN, { auditId }, tainan.head))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(SIGN, { auditId }, tainan.chief))).toBe('FORBIDDEN');
    const first = dataOf(await fx.execute(SIGN, { auditId, note: '稽核完成' }, tainan.auditor)).signOffAudit;
    expect(first.state).toBe('SIGNING');
    expect(first.signoffs[0]).toEqual({ step: 1, signedBy: tainan.auditor.accountId, signedAs: 'AUDITOR' });
    // Under a signature nothing changes.
    expect(errorCode(await fx.execute(JUDGE, { input: { auditId, position: 1, judgments: ALL_CONFORM } }, tainan.auditor))).toBe('AUDIT_LOCKED');
    expect(errorCode(await fx.execute(CHECKLIST, { input: { auditId, answers: [] , recommendations: 'x' } }, tainan.auditor))).toBe('AUDIT_LOCKED');
    // The auditor who is also a unit head may not sign the next step too.
    const sameAuditorAsHead = buildPrincipal('tainan', ['AUDITOR', 'UNIT_HEAD'], { accountId: tainan.auditor.accountId, agencyId });
    expect(errorCode(await fx.execute(SIGN, { auditId }, sameAuditorAsHead))).toBe('ALREADY_SIGNED');
    expect(errorCode(await fx.execute(SIGN, { auditId }, tainan.chief))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(SIGN, { auditId }, buildPrincipal('tainan', ['UNIT_HEAD'])))).toBe('FORBIDDEN'); // another agency's head
    dataOf(await fx.execute(SIGN, { auditId }, tainan.head));
    const done = dataOf(await fx.execute(SIGN, { auditId }, tainan.chief)).signOffAudit;
    expect(done.state).toBe('SIGNED_OFF');
    expect(done.signoffs.map((s: { signedAs: string }) => s.signedAs)).toEqual(['AUDITOR', 'UNIT_HEAD', 'AGENCY_HEAD']);
    expect(errorCode(await fx.execute(SIGN, { auditId }, buildPrincipal('tainan', ['AGENCY_HEAD'], { agencyId })))).toBe('AUDIT_SIGNED_OFF');
  });

  it('exports the signed audit as CSV files with a manifest of their SHA-256', async () => {
    const EXPORT = `query ($auditId: ID!) { auditExport(auditId: $auditId) { manifest files { filename contentType content rows sha256 } } }`;
    const exported = dataOf(await fx.execute(EXPORT, { auditId }, tainan.chief)).auditExport;
    expect(exported.files.map((f: { filename: string }) => f.filename)).toEqual([
      'audit-tainan-2024-05-01-2024-05-31-sample.csv',
      'audit-tainan-2024-05-01-2024-05-31-checklist.csv',
      'audit-tainan-2024-05-01-2024-05-31-signoffs.csv',
    ]);
    const [sample, checklist, signoffs] = exported.files;
    expect(sample.rows).toBe(10);
    expect(sample.content.split('\r\n')[3]).toContain('不符,核可日期晚於查詢日期');
    expect(checklist.content).toContain('使用者職務異動，是否依規定終止帳號使用權限。,Tainan 附件四,不符,一名離職人員帳號未於清查時註銷,');
    expect(signoffs.content.split('\r\n')).toHaveLength(5);
    const manifest = JSON.parse(exported.manifest);
    expect(manifest).toMatchObject({ audit: auditId, ruleVersion: 'tainan-health-insurance-2018', state: 'SIGNED_OFF', sampleSize: 10, recommendations: '請於一週內註銷離職人員帳號' });
    expect(manifest.files.map((f: { sha256: string }) => f.sha256)).toEqual(exported.files.map((f: { sha256: string }) => f.sha256));
    expect(errorCode(await fx.execute(EXPORT, { auditId }, buildPrincipal('tainan', ['CASEWORKER'])))).toBe('FORBIDDEN');
    expect(errorCode(await fx.execute(EXPORT, { auditId }, buildPrincipal('changhua', ['AUDITOR'])))).toBe('NOT_FOUND');
  });

  it('prints the record like 附件四 and bundles it with the CSVs and a manifest for filing', async () => {
    const PDF = `query ($auditId: ID!) { auditRecordPdf(auditId: $auditId) { filename contentType base64 size sha256 } }`;
    const ARCHIVE = `query ($auditId: ID!) { auditArchive(auditId: $auditId) { filename contentType base64 size sha256 } }`;
    const pdf = dataOf(await fx.execute(PDF, { auditId }, tainan.auditor)).auditRecordPdf;
    expect(pdf).toMatchObject({ filename: 'audit-tainan-2024-05-01-2024-05-31.pdf', contentType: 'application/pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(pdf.sha256);
    const { text } = inspectPdf(bytes);
    for (const words of ['臺南市 應用衛生福利部中央健康保險署資訊稽核紀錄表', '使用者職務異動，是否依規定', '□符合  ■不符', '一名離職人員帳號未於清查時註銷', '請於一週內註銷離職人員帳號', '科(室、組)長', '機關首長']) {
      expect(text).toContain(hexOf(words));
    }
    const archive = dataOf(await fx.execute(ARCHIVE, { auditId }, tainan.auditor)).auditArchive;
    expect(archive).toMatchObject({ filename: 'audit-tainan-2024-05-01-2024-05-31.zip', contentType: 'application/zip' });
    const entries = readStoredZip(Buffer.from(archive.base64, 'base64'));
    expect(entries.map((e) => e.name)).toEqual([
      'manifest.json',
      'audit-tainan-2024-05-01-2024-05-31.pdf',
      'audit-tainan-2024-05-01-2024-05-31-sample.csv',
      'audit-tainan-2024-05-01-2024-05-31-checklist.csv',
      'audit-tainan-2024-05-01-2024-05-31-signoffs.csv',
    ]);
    const manifest = JSON.parse(entries[0]!.data.toString('utf8'));
    for (const entry of entries.slice(1)) {
      expect(manifest.files.find((f: { filename: string }) => f.filename === entry.name).sha256).toBe(createHash('sha256').update(entry.data).digest('hex'));
    }
  });

  it('fulfils the calendar’s monthly spot check of the same month', async () => {
    const tasks = dataOf(await fx.execute(TASKS, { dueFrom: '2024-05-31', dueTo: '2024-05-31' }, buildPrincipal('tainan', ['TOP_ADMIN']))).complianceTasks;
    expect(tasks.find((t: { obligationId: string }) => t.obligationId === 'monthly-spot-check')).toMatchObject({ state: 'DONE', completionNote: `Audit ${auditId} signed off` });
  });

  it('shows the previous audit’s answers beside the next audit’s checklist', async () => {
    const next = await draw(tainan.auditor, '2024-06-01', '2024-06-30');
    const audit = dataOf(await fx.execute(AUDIT, { id: next.id }, tainan.auditor)).audit;
    expect(audit.checklist.map((c: { previousResult: string }) => c.previousResult)).toEqual(['CONFORMS', 'CONFORMS', 'NONCONFORMING', 'CONFORMS', 'CONFORMS']);
    expect(audit.checklist[0].previousAuditId).toBe(auditId);
  });
});

describe('the chain and the criteria come from each city’s rules', () => {
  it('Changhua: auditor, supervisor, then the admin the records go to (8(二)); no checklist; pre-approval required', async () => {
    const auditor = person('changhua', ['AUDITOR']);
    const drawn = await draw(auditor, '2024-01-01', '2024-06-30');
    const audit = dataOf(await fx.execute(AUDIT, { id: drawn.id }, auditor)).audit;
    expect(audit.signoffs.map((s: { roles: string[]; titleZh: string }) => [s.roles, s.titleZh])).toEqual([
      [['AUDITOR'], '使用機關/單位指定專人'],
      [['UNIT_HEAD'], '所屬主管'],
      [['TOP_ADMIN'], '管理者'],
    ]);
    expect(audit.checklist).toEqual([]);
    expect(errorCode(await fx.execute(JUDGE, { input: { auditId: drawn.id, position: 1, judgments: [{ criterion: 'PRE_APPROVAL_PRESENT', result: 'NOT_APPLICABLE' }] } }, auditor))).toBe(
      'CRITERION_REQUIRED',
    );
    await judgeAll(drawn.id, 3, auditor);
    for (const signer of [auditor, person('changhua', ['UNIT_HEAD']), buildPrincipal('changhua', ['TOP_ADMIN'])]) dataOf(await fx.execute(SIGN, { auditId: drawn.id }, signer));
    expect(dataOf(await fx.execute(AUDIT, { id: drawn.id }, auditor)).audit.state).toBe('SIGNED_OFF');
  });

  it('Taoyuan: the agency admin audits (8(一)1), pre-approval is not a Taoyuan rule; Taipei: the audit team, then the agency head (8(一)4)', async () => {
    const admin = buildPrincipal('taoyuan', ['AGENCY_ADMIN']);
    const taoyuan = await draw(admin, '2024-03-01', '2024-03-31');
    const audit = dataOf(await fx.execute(AUDIT, { id: taoyuan.id }, admin)).audit;
    expect(audit.signoffs.map((s: { roles: string[] }) => s.roles)).toEqual([['AUDITOR', 'AGENCY_ADMIN', 'REVIEWING_OFFICER'], ['UNIT_HEAD'], ['AGENCY_HEAD']]);
    expect(audit.checklist.map((c: { itemId: string }) => c.itemId)).toEqual(['proper-use', 'confidentiality', 'account-validity-and-legitimacy']);
    expect(audit.sample[0].judgments[3]).toMatchObject({ criterion: 'PRE_APPROVAL_PRESENT', required: false });
    const judged = dataOf(await fx.execute(JUDGE, { input: { auditId: taoyuan.id, position: 1, judgments: [{ criterion: 'PRE_APPROVAL_PRESENT', result: 'NOT_APPLICABLE' }] } }, admin));
    expect(judged.judgeSampledRecord.judgments[3].result).toBe('NOT_APPLICABLE');
    const taipeiAuditor = buildPrincipal('taipei', ['AUDITOR']);
    const taipei = await draw(taipeiAuditor, '2020-07-01', '2020-12-31');
    const taipeiAudit = dataOf(await fx.execute(AUDIT, { id: taipei.id }, taipeiAuditor)).audit;
    expect(taipeiAudit.signoffs.map((s: { roles: string[] }) => s.roles)).toEqual([['AUDITOR'], ['AGENCY_HEAD']]);
    expect(taipeiAudit.checklist).toHaveLength(7);
  });
});
