import { describe, expect, it } from 'vitest';
import { expectRule, versionAt } from '../test-helpers';

describe('Taoyuan rules (labor-insurance), as in force on 2024-06-30', () => {
  const v = versionAt('taoyuan', 'labor-insurance', '2024-06-30');

  it('maps the platform roles to Taoyuan’s titles (Taoyuan 3)', () => {
    expect(v.roles.TOP_ADMIN.value).toMatchObject({ titleZh: '最高管理機關', agencyZh: '本府資訊中心' });
    expect(v.roles.REVIEWING_OFFICER.value).toMatchObject({ titleZh: '資料庫管理機關', agencyZh: '本府勞動局' });
    expect(v.roles.AGENCY_ADMIN.value.titleZh).toBe('機關管理者');
    expect(v.roles.CASEWORKER.value.titleZh).toBe('業務承辦者');
    expect(v.roles.UNIT_ADMIN.value.present).toBe(false);
  });

  it('routes a user application through unit head and agency head to the agency admin (Taoyuan 5(二), 附表二)', () => {
    const app = v.applications['user-account'];
    expect(app.steps.map((s) => [s.role, s.agency])).toEqual([
      ['CASEWORKER', 'own-unit'],
      ['UNIT_HEAD', 'own-unit'],
      ['AGENCY_HEAD', 'own-agency'],
      ['AGENCY_ADMIN', 'own-agency'],
    ]);
    expectRule(app.operations, ['new', 'change', 'delete'], 'Taoyuan 附表二');
  });

  it('routes agency items through the reviewing agency, the top agency and the bureau, with a legal basis (Taoyuan 6(二), 附表三)', () => {
    const app = v.applications['agency-items'];
    expect(app.steps.map((s) => [s.role, s.agency, s.action])).toEqual([
      ['AGENCY_ADMIN', 'own-agency', 'apply'],
      ['UNIT_HEAD', 'own-unit', 'endorse'],
      ['AGENCY_HEAD', 'own-agency', 'endorse'],
      ['REVIEWING_OFFICER', 'reviewing-agency', 'approve'],
      ['TOP_ADMIN', 'top-admin', 'apply-to-bureau'],
      ['BUREAU_OFFICER', 'bureau', 'approve'],
      ['TOP_ADMIN', 'top-admin', 'set-up'],
    ]);
    expectRule(app.requiresLegalBasis, true, 'Taoyuan 6(二)');
    expectRule(app.operations, ['add', 'remove'], 'Taoyuan 附表三');
    // Taoyuan 9: for a district office the commissioning 業務主管機關 reviews.
    expect(app.steps[3].alternatives).toEqual([expect.objectContaining({ agency: 'commissioning-agency', citation: 'Taoyuan 9, 附表三' })]);
  });

  it('routes an agency admin application to the top agency after review (Taoyuan 5(一))', () => {
    expect(v.applications['agency-admin-account'].steps.map((s) => s.role)).toEqual(['AGENCY_ADMIN', 'UNIT_HEAD', 'AGENCY_HEAD', 'REVIEWING_OFFICER', 'TOP_ADMIN']);
    expectRule(v.commissionedAgencyConsent, { required: true, consentBy: 'commissioning-agency' }, 'Taoyuan 9');
  });

  it('changes passwords at least every 3 months (Taoyuan 7)', () => {
    expectRule(v.login.passwordMaxAgeDays, 90, 'Taoyuan 7');
    expect(v.login.passwordAllowed.value).toBe(true);
    expect(v.login.passwordComplexity.source).toBe('platform-default');
  });

  it('requires a legal basis or the citizen’s signed consent per query, no pre-approval (Taoyuan 4(五)2)', () => {
    expectRule(v.queries.legalBasisOrConsentPerQuery, true, 'Taoyuan 4(五)2');
    expectRule(v.queries.supervisorPreApproval, false, 'Taoyuan', 'rule-silent');
  });

  it('hands in records and checks them by the 10th of each month (Taoyuan 4(五)3, 8(一)1)', () => {
    const handIn = v.obligations.find((o) => o.id === 'hand-in-monthly-records')!;
    const check = v.obligations.find((o) => o.id === 'monthly-admin-check')!;
    expect(handIn).toMatchObject({ cadence: 'monthly', dueRule: { type: 'day-of-following-month', day: 10 }, owner: 'CASEWORKER', citation: 'Taoyuan 4(五)3' });
    expect(check).toMatchObject({ cadence: 'monthly', dueRule: { type: 'day-of-following-month', day: 10 }, owner: 'AGENCY_ADMIN' });
    expect(check.citation).toContain('Taoyuan 8(一)1');
    expect(v.obligations.find((o) => o.id === 'on-site-audit')).toMatchObject({ cadence: 'yearly', owner: 'REVIEWING_OFFICER', citation: 'Taoyuan 8(二)2' });
  });

  it('audits correctness, legitimacy and confidentiality (Taoyuan 8 第二項)', () => {
    const items = v.audits.checklist.value.items;
    expect(items.map((i) => i.textZh)).toEqual([
      '資料是否正常使用：包括資料正確性、正當性(業務特定目的範圍內使用)、查驗使用內容等',
      '資料是否保密：包括影印資料之存放等',
      '帳號有效性、查調正當性',
    ]);
    expect(items.every((i) => i.verbatim)).toBe(true);
    expect(v.audits.sampling.value).toBeNull();
  });

  it('reports anomalies to the agency head (Taoyuan 4(四)5)', () => {
    expect(v.audits.anomalyTeam.value.members).toEqual(['AGENCY_ADMIN']);
    expect(v.audits.anomalyActions.value).toContain('report-to-agency-head');
  });

  it('sets no retention periods of its own (Taoyuan 4(五)1)', () => {
    expectRule(v.retention, [], 'Taoyuan', 'rule-silent');
    expect(v.destruction.printouts.value.whenNoLongerNeeded).toBe('destroy-per-archive-schedule');
  });
});
