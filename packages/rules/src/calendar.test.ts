import { describe, expect, it } from 'vitest';
import { eventDeadline, obligationCalendar } from './calendar';
import { versionAt } from './test-helpers';

describe('obligationCalendar', () => {
  it('Taoyuan: records handed in and checked by the 10th of every month (Taoyuan 4(五)3, 8(一)1)', () => {
    const entries = obligationCalendar('taoyuan', 'labor-insurance', '2024-01-01', '2024-12-31');
    const handIns = entries.filter((e) => e.obligationId === 'hand-in-monthly-records');
    expect(handIns.map((e) => e.dueDate)).toEqual([
      '2024-01-10', '2024-02-10', '2024-03-10', '2024-04-10', '2024-05-10', '2024-06-10',
      '2024-07-10', '2024-08-10', '2024-09-10', '2024-10-10', '2024-11-10', '2024-12-10',
    ]);
    expect(handIns[0]).toMatchObject({ periodStart: '2023-12-01', periodEnd: '2023-12-31', owner: 'CASEWORKER', citation: 'Taoyuan 4(五)3' });
    expect(entries.filter((e) => e.obligationId === 'monthly-admin-check')).toHaveLength(12);
    expect(entries.filter((e) => e.obligationId === 'on-site-audit').map((e) => e.dueDate)).toEqual(['2024-12-31']);
  });

  it('Taipei: the annual report is due by the end of March, and nothing falls due after the repeal', () => {
    const entries = obligationCalendar('taipei', 'labor-insurance', '2020-01-01', '2021-12-31');
    const reports = entries.filter((e) => e.obligationId === 'annual-audit-report');
    expect(reports.map((e) => [e.dueDate, e.periodStart])).toEqual([['2020-03-31', '2019-01-01']]);
    expect(entries.filter((e) => e.obligationId === 'download-bureau-records').map((e) => e.dueDate)).toEqual([
      '2020-03-31', '2020-06-30', '2020-09-30', '2020-12-31',
    ]);
    expect(entries.every((e) => e.dueDate < '2021-01-14')).toBe(true);
  });

  it('Changhua: obligations follow the version in force on their due date', () => {
    const entries = obligationCalendar('changhua', 'labor-insurance', '2023-01-01', '2024-12-31');
    const samples = entries.filter((e) => e.obligationId === 'half-yearly-sample-audit');
    expect(samples.map((e) => [e.dueDate, e.versionId, e.owner])).toEqual([
      ['2023-06-30', 'changhua-labor-insurance-original', 'TOP_ADMIN'],
      ['2023-12-31', 'changhua-labor-insurance-original', 'TOP_ADMIN'],
      ['2024-06-30', 'changhua-labor-insurance-revision', 'AUDITOR'],
      ['2024-12-31', 'changhua-labor-insurance-revision', 'AUDITOR'],
    ]);
  });

  it('Tainan: quarterly record reviews and monthly spot checks (Tainan 8(一))', () => {
    const entries = obligationCalendar('tainan', 'health-insurance', '2024-01-01', '2024-12-31');
    expect(entries.filter((e) => e.obligationId === 'quarterly-records-review').map((e) => e.dueDate)).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);
    expect(entries.filter((e) => e.obligationId === 'monthly-spot-check').map((e) => e.dueDate)).toContain('2024-02-29');
    expect(entries.some((e) => e.cadence === 'event')).toBe(false);
  });
});

describe('eventDeadline', () => {
  it('Changhua 4(八): 7 days counted from the day after the change', () => {
    const notify = versionAt('changhua', 'labor-insurance', '2024-03-01').obligations.find((o) => o.id === 'notify-bureau-of-change')!;
    expect(eventDeadline(notify.dueRule, '2024-03-01')).toBe('2024-03-08');
    expect(eventDeadline(notify.dueRule, '2024-12-28')).toBe('2025-01-04');
  });

  it('Changhua 4(六): on or before the move date', () => {
    const revoke = versionAt('changhua', 'labor-insurance', '2024-03-01').obligations.find((o) => o.id === 'revoke-on-move')!;
    expect(eventDeadline(revoke.dueRule, '2024-05-20')).toBe('2024-05-20');
  });
});
