import { describe, expect, it } from 'vitest';
import { expectRule, versionAt } from '../test-helpers';

describe('Taipei rules (labor-insurance), as in force on 2020-06-30', () => {
  const v = versionAt('taipei', 'labor-insurance', '2020-06-30');

  it('maps the platform roles to Taipei’s titles (Taipei 2, 3)', () => {
    expect(v.roles.TOP_ADMIN.value).toMatchObject({ present: true, titleZh: '總管理者', agencyZh: '總管理機關 勞動局' });
    expect(v.roles.TOP_ADMIN.citation).toBe('Taipei 2');
    expect(v.roles.AGENCY_ADMIN.value.titleZh).toBe('使用機關管理者');
    expect(v.roles.UNIT_ADMIN.value.titleZh).toBe('使用單位管理者');
    expect(v.roles.AUDITOR.value.titleZh).toBe('使用機關稽核小組');
    expect(v.roles.CASEWORKER.value.titleZh).toBe('使用者');
    expect(v.roles.UNIT_HEAD.value.present).toBe(false);
  });

  it('needs the commissioning agency’s consent first (Taipei 4, 5(二))', () => {
    expectRule(v.commissionedAgencyConsent, { required: true, consentBy: 'commissioning-agency' }, 'Taipei 4');
    const [first] = v.applications['agency-admin-account'].steps;
    expect(first).toMatchObject({ agency: 'commissioning-agency', action: 'consent', onlyWhen: 'commissioned-agency' });
  });

  it('routes an agency admin application agency → 勞動局 review → 總管理者 (Taipei 2, 5(一))', () => {
    const steps = v.applications['agency-admin-account'].steps.filter((s) => s.onlyWhen === undefined);
    expect(steps.map((s) => [s.role, s.agency, s.action])).toEqual([
      ['AGENCY_ADMIN', 'own-agency', 'apply'],
      ['REVIEWING_OFFICER', 'reviewing-agency', 'review'],
      ['TOP_ADMIN', 'top-admin', 'set-up'],
    ]);
    expectRule(v.applications['agency-admin-account'].requiresLegalBasis, true, 'Taipei 5(一)');
  });

  it('has users apply to the agency admin (Taipei 5(三))', () => {
    expect(v.applications['user-account'].steps.map((s) => s.role)).toEqual(['CASEWORKER', 'AGENCY_ADMIN']);
  });

  it('allows password login, periodic change with a platform-default interval (Taipei 5(六))', () => {
    expectRule(v.login.passwordAllowed, true, 'Taipei 5(六)');
    expectRule(v.login.certificateRequired, false, 'Taipei', 'rule-silent');
    expectRule(v.login.passwordMaxAgeDays, 90, 'Taipei 5(六)', 'platform-default');
  });

  it('bars outsourced vendors (Taipei 5(五))', () => {
    expectRule(v.queries.outsourcedVendorsBarred, true, 'Taipei 5(五)');
  });

  it('requires a written proxy authorisation for proxy queries (Taipei 6(二))', () => {
    expectRule(v.queries.proxyQueries, { allowed: true, writtenAuthorisationRequired: true, formKind: 'proxy-authorisation' }, 'Taipei 6(二)');
    expect(v.forms.find((f) => f.kind === 'proxy-authorisation')?.number).toBe('附件3');
  });

  it('allows queries only in office hours and on office premises, with the hours as data (Taipei 6(三))', () => {
    expectRule(v.queries.officeHoursOnly, true, 'Taipei 6(三)');
    expectRule(v.queries.officeNetworkOnly, true, 'Taipei 6(三)');
    expect(v.queries.officeHours.value).toEqual({ timeZone: 'Asia/Taipei', weekdays: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' });
    expect(v.queries.officeHours.source).toBe('platform-default');
  });

  it('registers case number, user, date and purpose per query, without pre-approval (Taipei 6(一))', () => {
    expectRule(v.queries.registerFields, ['case-number', 'user', 'query-date', 'purpose'], 'Taipei 6(一)');
    expect(v.queries.supervisorPreApproval.value).toBe(false);
  });

  it('has the reconciliation, download, audit and report deadlines (Taipei 3, 8(一))', () => {
    const byId = Object.fromEntries(v.obligations.map((o) => [o.id, o]));
    expect(byId['reconcile-register']).toMatchObject({ cadence: 'monthly', owner: 'UNIT_ADMIN' });
    expect(byId['download-bureau-records']).toMatchObject({ cadence: 'quarterly', owner: 'AGENCY_ADMIN', citation: 'Taipei 8(一)1' });
    expect(byId['internal-audit']).toMatchObject({ cadence: 'half-yearly', owner: 'AUDITOR' });
    expect(byId['annual-audit-report']).toMatchObject({ cadence: 'yearly', dueRule: { type: 'month-day-following-year', month: 3, day: 31 }, citation: 'Taipei 8(一)6' });
  });

  it('audits with the 附件4 checklist, no sampling; misuse revokes the account (Taipei 6(四), 8(一)4)', () => {
    expect(v.audits.sampling.value).toBeNull();
    expect(v.audits.checklist.value.formKind).toBe('audit-checklist');
    expect(v.audits.checklist.value.items.length).toBeGreaterThan(0);
    expect(v.audits.checklist.value.items.every((i) => i.citation.startsWith('Taipei '))).toBe(true);
    expectRule(v.audits.anomalyActions, ['revoke-account', 'pursue-responsibility'], 'Taipei 6(四)');
    expect(v.audits.anomalyTeam.value.members).toEqual(['IT_OFFICER', 'ETHICS_OFFICER']);
    expect(v.audits.resultsReviewedBy.value).toBe('AGENCY_HEAD');
  });

  it('keeps applications 3 years after revocation and audit records 3 years (Taipei 7(二), 7(三))', () => {
    expect(v.retention.value.find((r) => r.recordKind === 'account-application')).toMatchObject({ minimumYears: 3, startsAt: 'account-revocation', citation: 'Taipei 7(二)' });
    expect(v.retention.value.find((r) => r.recordKind === 'audit-record')).toMatchObject({ minimumYears: 3, citation: 'Taipei 7(三)' });
  });
});
