import { describe, expect, it } from 'vitest';
import { sampleSize } from '../sampling';
import { expectRule, versionAt } from '../test-helpers';

describe('Tainan rules (health-insurance), as in force on 2024-06-30', () => {
  const v = versionAt('tainan', 'health-insurance', '2024-06-30');

  it('maps the platform roles to Tainan’s titles (Tainan 3, 4, 8)', () => {
    expect(v.roles.TOP_ADMIN.value).toMatchObject({ titleZh: '總管理者', agencyZh: '本府衛生局' });
    expect(v.roles.AGENCY_ADMIN.value.titleZh).toBe('機關管理者');
    expect(v.roles.UNIT_ADMIN.value.titleZh).toBe('業務主管');
    expect(v.roles.BUREAU_OFFICER.value.titleZh).toBe('衛生福利部中央健康保險署');
  });

  it('requires the personal-data acknowledgement on its forms (Tainan 附表一, 附表二)', () => {
    expectRule(v.applications['user-account'].personalDataAcknowledgement, true, 'Tainan 附表二');
    expectRule(v.applications['agency-admin-account'].personalDataAcknowledgement, true, 'Tainan 附表一');
  });

  it('lets a first-level agency’s admin set up its second-level agencies’ admins (Tainan 4(二)3)', () => {
    const last = v.applications['agency-admin-account'].steps.at(-1)!;
    expect(last).toMatchObject({ role: 'TOP_ADMIN', action: 'set-up' });
    expect(last.alternatives).toEqual([expect.objectContaining({ role: 'AGENCY_ADMIN', agency: 'parent-agency', citation: 'Tainan 4(二)3, 5 第二項' })]);
  });

  it('enumerates the legal bases by category (Tainan 2)', () => {
    const bases = v.itemEligibility.value.legalBases;
    expect([...new Set(bases.map((b) => b.categoryZh))]).toEqual(['社政', '警政', '交通', '衛生', '其他']);
    expect(bases.find((b) => b.category === 'traffic')?.lawsZh).toBe('道路交通管理處罰條例');
  });

  it('requires certificate login; a password exists as well (Tainan 6)', () => {
    expectRule(v.login.certificateRequired, true, 'Tainan 6 第二項');
    expectRule(v.login.passwordAllowed, true, 'Tainan 6 第三項');
  });

  it('requires the supervisor’s approval before each query (Tainan 7(一))', () => {
    expectRule(v.queries.supervisorPreApproval, true, 'Tainan 7(一)');
    expect(v.queries.preApprovalValidityHours.source).toBe('platform-default');
  });

  it('reviews each agency’s need for the link yearly and the records quarterly (Tainan 2, 8(一))', () => {
    expect(v.obligations.find((o) => o.id === 'yearly-link-need-review')).toMatchObject({ cadence: 'yearly', citation: 'Tainan 2 第二項' });
    expect(v.obligations.find((o) => o.id === 'quarterly-records-review')).toMatchObject({ cadence: 'quarterly', citation: 'Tainan 8(一)' });
    expect(v.obligations.find((o) => o.id === 'monthly-spot-check')).toMatchObject({ cadence: 'monthly', owner: 'UNIT_ADMIN' });
    expect(v.obligations.find((o) => o.id === 'half-yearly-internal-audit')).toMatchObject({ cadence: 'half-yearly', citation: 'Tainan 8(三)' });
  });

  it('samples at least 3% and 10 rows a month, all if fewer than 10 (Tainan 8(一))', () => {
    expectRule(v.audits.sampling, { period: 'month', unit: 'query-row', percent: 3, minimum: 10, maximum: null, allIfFewerThan: 10, rounding: 'up' }, 'Tainan 8(一)');
    expect(sampleSize(v.audits.sampling.value!, 1000)).toBe(30);
  });

  it('uses the five 附件四 checklist items verbatim, each 符合/不符', () => {
    const checklist = v.audits.checklist.value;
    expect(v.audits.checklist.citation).toBe('Tainan 附件四');
    expect(checklist.items.map((i) => i.textZh)).toEqual([
      '是否依規定辦理權限申請。',
      '是否依規定建立核准使用者名冊。',
      '使用者職務異動，是否依規定終止帳號使用權限。',
      '定期稽核系統查詢資料使用範圍、使用頻率及使用欄位是否均合法目的之必要性。',
      '處理個人資料之安全維護措施及資料安全管制作業。',
    ]);
    expect(checklist.items.every((i) => i.verbatim && i.textEn.length > 0)).toBe(true);
    expect(checklist.resultOptionsZh).toEqual(['符合', '不符']);
    expect(checklist.extraFields.map((f) => f.zh)).toEqual(expect.arrayContaining(['上次稽核結果', '稽核結果及建議']));
  });

  it('investigates anomalies jointly: business + ethics + IT (Tainan 8(二))', () => {
    expectRule(v.audits.anomalyTeam, expect.objectContaining({ members: ['UNIT_HEAD', 'ETHICS_OFFICER', 'IT_OFFICER'] }), 'Tainan 8(二)');
  });

  it('keeps applications 1 year, query requests 5 years, audit records 3 years (Tainan 5, 7, 8)', () => {
    const years = Object.fromEntries(v.retention.value.map((r) => [r.recordKind, [r.minimumYears, r.citation]]));
    expect(years).toEqual({
      'account-application': [1, 'Tainan 5 第四項'],
      'query-request': [5, 'Tainan 7 第二項'],
      'audit-record': [3, 'Tainan 8 第二項'],
    });
  });
});
