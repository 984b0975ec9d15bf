import { describe, expect, it } from 'vitest';
import { findItem } from '../catalogue';
import { sampleSize } from '../sampling';
import { expectRule, versionAt } from '../test-helpers';

describe('Changhua rules (labor-insurance)', () => {
  // The revision date is a documented choice (CHANGHUA_REVISION_EFFECTIVE_FROM = 2024-01-01).
  const original = versionAt('changhua', 'labor-insurance', '2023-12-31');
  const revision = versionAt('changhua', 'labor-insurance', '2024-01-01');

  it('widens the scope from 社會處 to the whole government (Changhua 1)', () => {
    expectRule(original.scope, { agenciesZh: '本府社會處', agenciesEn: 'The county’s Department of Social Affairs only' }, 'Changhua 1 (現行規定)');
    expect(revision.scope.value.agenciesZh).toBe('本府及所屬機關');
    expect(revision.scope.citation).toBe('Changhua 1');
  });

  it('limits the original to F0201 for the disability premium subsidy; the revision to the 業務項目清冊 (Changhua 2, 3)', () => {
    expect(original.itemEligibility.value.mode).toBe('listed-items-only');
    expect(original.itemEligibility.value.items.map((k) => findItem(k)?.nameZh)).toEqual(['勞保被保險人各月份自付額查詢']);
    expect(original.itemEligibility.value.legalBases[0].lawsZh).toContain('身心障礙者權益保障法');
    expect(original.applications['agency-items'].available.value).toBe(false);

    expect(revision.itemEligibility.value.mode).toBe('business-register-items');
    expect(revision.applications['agency-items'].available.value).toBe(true);
    expectRule(revision.applications['agency-items'].requiresLegalBasis, true, 'Changhua 2');
  });

  it('renumbers the forms: the 清冊 becomes 附表一, the query register moves from 附表三 to 附表四 (Changhua 2, 4(二), 4(五), 5(一))', () => {
    const numbers = (v: typeof original) => Object.fromEntries(v.forms.map((f) => [f.kind, f.number]));
    expect(numbers(original)).toEqual({ 'agency-admin-application': '附表一', 'user-application': '附表二', 'query-register': '附表三' });
    expect(numbers(revision)).toEqual({
      'business-item-register': '附表一',
      'agency-admin-application': '附表二',
      'user-application': '附表三',
      'query-register': '附表四',
    });
  });

  it('moves the half-yearly sample audit from the admin to each agency’s designated officer (Changhua 8(一), 8(二))', () => {
    expect(original.roles.AUDITOR.value.titleZh).toBe('管理者');
    expect(revision.roles.AUDITOR.value.titleZh).toBe('使用機關/單位指定專人');
    expect(original.obligations.find((o) => o.id === 'half-yearly-sample-audit')?.owner).toBe('TOP_ADMIN');
    expect(revision.obligations.find((o) => o.id === 'half-yearly-sample-audit')?.owner).toBe('AUDITOR');
    expect(original.audits.resultsReviewedBy.value).toBeNull();
    expectRule(revision.audits.resultsReviewedBy, 'TOP_ADMIN', 'Changhua 8(二)');
  });

  for (const [name, v] of [['original', original], ['revision', revision]] as const) {
    describe(`in both versions (${name})`, () => {
      it('logs in by certificate only, never by password (Changhua 4(七))', () => {
        expectRule(v.login.certificateRequired, true, 'Changhua 4(七)');
        expectRule(v.login.passwordAllowed, false, 'Changhua 4(七)');
        expect(v.login.passwordMaxAgeDays.value).toBeNull();
        expect(v.login.passwordComplexity.value).toBeNull();
      });

      it('requires the supervisor’s approval before each query (Changhua 5(一)), valid for a platform-default period', () => {
        expectRule(v.queries.supervisorPreApproval, true, 'Changhua 5(一)');
        expectRule(v.queries.preApprovalValidityHours, 72, 'Changhua 5(一)', 'platform-default');
      });

      it('notifies the bureau within 7 days counted from the day after an admin change (Changhua 4(八))', () => {
        expect(v.obligations.find((o) => o.id === 'notify-bureau-of-change')).toMatchObject({
          cadence: 'event',
          dueRule: { type: 'days-after-event', event: 'admin-changed', days: 7, countFrom: 'next-day' },
          citation: 'Changhua 4(八)',
        });
      });

      it('reviews accounts and checks data destruction yearly (Changhua 6(一), 6(二))', () => {
        expect(v.obligations.find((o) => o.id === 'annual-account-review')).toMatchObject({ cadence: 'yearly', citation: 'Changhua 6(一)' });
        expect(v.obligations.find((o) => o.id === 'annual-destruction-check')).toMatchObject({ cadence: 'yearly', citation: 'Changhua 6(二)' });
        expectRule(v.accounts.accountReviewChecks, ['duplicate', 'idle', 'role-changed', 'departed'], 'Changhua 6(一)');
      });

      it('revokes accounts and hands over on or before the move date (Changhua 4(三), 4(四), 4(六))', () => {
        expectRule(v.accounts.revokeOnDutyChange, { deadline: 'on-or-before-move-date' }, 'Changhua 4(六)');
        expectRule(v.accounts.adminHandover, { newAccountBeforeOldStopped: true, handOver: ['user-roster', 'audit-records'] }, 'Changhua 4(三)');
      });

      it('samples 10% of cases per half year, at least 30, at most 100 (Changhua 8(一))', () => {
        expectRule(
          v.audits.sampling,
          { period: 'half-year', unit: 'case', percent: 10, minimum: 30, maximum: 100, allIfFewerThan: 30, rounding: 'up' },
          'Changhua 8(一)',
        );
        expect(sampleSize(v.audits.sampling.value!, 2000)).toBe(100);
      });

      it('audits major anomalies jointly: admin + ethics + IT (Changhua 8(二))', () => {
        expectRule(v.audits.anomalyTeam, expect.objectContaining({ members: ['TOP_ADMIN', 'ETHICS_OFFICER', 'IT_OFFICER'] }), 'Changhua 8(二)');
      });

      it('keeps forms, registers, reviews and audits at least 5 years', () => {
        expect(v.retention.value.length).toBeGreaterThanOrEqual(8);
        expect(v.retention.value.every((r) => r.minimumYears === 5 && r.citation.startsWith('Changhua '))).toBe(true);
        expect(v.retention.value.map((r) => r.recordKind)).toEqual(
          expect.arrayContaining(['account-application', 'query-request', 'account-review', 'audit-record', 'audit-report']),
        );
      });

      it('destroys printouts within a month once a year has passed and they are not needed; no electronic copies (Changhua 5(五))', () => {
        expectRule(
          v.destruction.printouts,
          { fileWithCaseWhenNeeded: true, whenNoLongerNeeded: 'destroy-within-period', holdMonthsAfterQuery: 12, destroyWithinMonths: 1, methodZh: '銷毀應至無法辨識' },
          'Changhua 5(五)',
        );
        expectRule(v.destruction.electronicCopies, 'forbidden', 'Changhua 5(五)');
      });

      it('has one admin in 社會處 acting for every agency, and no reviewing agency (Changhua 4(二))', () => {
        expect(v.roles.TOP_ADMIN.value).toMatchObject({ titleZh: '管理者', agencyZh: '本府社會處' });
        expect(v.roles.REVIEWING_OFFICER.value.present).toBe(false);
        expect(v.applications['user-account'].steps.map((s) => s.role)).toEqual(['CASEWORKER', 'UNIT_HEAD', 'TOP_ADMIN']);
      });
    });
  }
});
