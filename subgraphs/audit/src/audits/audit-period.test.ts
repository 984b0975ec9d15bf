import { describe, expect, it } from 'vitest';
import { planAudit } from './audit-period';

const TODAY = '2026-11-25';

describe('the period of an audit, from the city’s sampling rule', () => {
  it('Changhua 8(一): a calendar half-year, sampled', () => {
    const plan = planAudit('changhua', 'labor-insurance', '2024-07-01', '2024-12-31', TODAY);
    expect(plan).toMatchObject({ method: 'sample', citation: 'Changhua 8(一)', periodStart: '2024-07-01', periodEnd: '2024-12-31' });
    expect(plan.rule).toMatchObject({ percent: 10, minimum: 30, maximum: 100, allIfFewerThan: 30 });
    expect(plan.version.id).toBe('changhua-labor-insurance-revision');
    expect(() => planAudit('changhua', 'labor-insurance', '2024-03-01', '2024-08-31', TODAY)).toThrow(/half year \(Changhua 8\(一\)\)/);
    expect(() => planAudit('changhua', 'labor-insurance', '2024-01-01', '2024-01-31', TODAY)).toThrow(/half year/);
  });

  it('Tainan 8(一): a calendar month, sampled', () => {
    expect(planAudit('tainan', 'health-insurance', '2024-02-01', '2024-02-29', TODAY).rule).toMatchObject({ percent: 3, minimum: 10, maximum: null });
    expect(() => planAudit('tainan', 'health-insurance', '2024-02-02', '2024-03-01', TODAY)).toThrow(/month/);
  });

  it('Taoyuan and Taipei do not sample: every record of whole months is reviewed', () => {
    expect(planAudit('taoyuan', 'labor-insurance', '2024-03-01', '2024-03-31', TODAY)).toMatchObject({ method: 'full-review', rule: null, citation: 'Taoyuan (no provision; cf. 8(一)1)' });
    expect(planAudit('taipei', 'labor-insurance', '2020-07-01', '2020-12-31', TODAY)).toMatchObject({ method: 'full-review', citation: 'Taipei (no provision; cf. 8(一)2)' });
    expect(() => planAudit('taoyuan', 'labor-insurance', '2024-03-01', '2025-03-31', TODAY)).toThrow(/at most 12/);
  });

  it('judges a period by the version in force at its end, or at its start when the rules were repealed since', () => {
    expect(planAudit('changhua', 'labor-insurance', '2023-07-01', '2023-12-31', TODAY).version.id).toBe('changhua-labor-insurance-original');
    expect(planAudit('taipei', 'labor-insurance', '2021-01-01', '2021-01-31', TODAY).version.status).toBe('repealed');
    expect(() => planAudit('taipei', 'labor-insurance', '2022-01-01', '2022-01-31', TODAY)).toThrow(/repealed/);
  });

  it('refuses a period that is not over yet', () => {
    expect(() => planAudit('tainan', 'health-insurance', '2026-11-01', '2026-11-30', TODAY)).toThrow(/once it is over/);
  });
});
