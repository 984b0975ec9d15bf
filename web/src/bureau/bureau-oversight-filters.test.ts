import { describe, expect, it } from 'vitest';
import { hashOf, paramsFromHash } from '../shell/hash-path';
import { bureauViewParams, readBureauView } from './bureau-filters';
import { auditFilter, auditRequestProblems, EMPTY_AUDIT_REQUEST, findingFilter, openedAuditParam, readAuditChoices, readFindingChoices, readOpenedAudit } from './bureau-oversight-filters';

const REACH = ['changhua', 'tainan', 'taipei', 'taoyuan'];
const ID = '0b7f1f0e-6d1e-4a8e-9a55-0c1d2e3f4a5b';

describe('the audits and findings pages’ filters in the address', () => {
  it('keep an audit state and send it as the API’s filter', () => {
    const hash = hashOf('/bureau/audits', bureauViewParams({ cityId: 'taoyuan', from: '2026-01-01', to: '', choices: { state: 'SIGNED_OFF' } }));
    expect(hash).toBe('#/bureau/audits?city=taoyuan&from=2026-01-01&state=SIGNED_OFF');
    const params = paramsFromHash(hash);
    const view = { ...readBureauView(params, REACH), choices: readAuditChoices(params) };
    expect(auditFilter(view)).toEqual({ cityIds: ['taoyuan'], periodFrom: '2026-01-01', states: ['SIGNED_OFF'] });
  });

  it('ignore unknown severities, statuses and rules', () => {
    expect(readFindingChoices(new URLSearchParams('severity=HIGH&status=MAYBE&rule=BULK_QUERIES'))).toEqual({ severity: 'HIGH', rule: 'BULK_QUERIES' });
    const view = { ...readBureauView(new URLSearchParams('from=2026-02-01&to=2026-02-28'), REACH), choices: { severity: 'HIGH', rule: 'BULK_QUERIES' } };
    expect(findingFilter(view)).toEqual({ from: '2026-02-01', to: '2026-02-28', severities: ['HIGH'], rule: 'BULK_QUERIES' });
  });

  it('open an audit by its city and id; nothing for a city outside the reach or a malformed value', () => {
    const opened = { cityId: 'taoyuan', id: ID };
    expect(openedAuditParam(opened)).toBe(`taoyuan_${ID}`);
    expect(readOpenedAudit(paramsFromHash(hashOf('/bureau/audits', { audit: openedAuditParam(opened) })).get('audit'), REACH)).toEqual(opened);
    expect(readOpenedAudit(openedAuditParam({ ...opened, cityId: 'atlantis' }), REACH)).toBeNull();
    expect(readOpenedAudit('taoyuan_x', REACH)).toBeNull();
    expect(readOpenedAudit('taoyuan_2016-01-01_x', REACH)).toBeNull();
    expect(readOpenedAudit(null, REACH)).toBeNull();
  });

  it('still open a link written with the audit’s period (city_start_end_id)', () => {
    expect(readOpenedAudit(`taoyuan_2016-01-01_2016-01-31_${ID}`, REACH)).toEqual({ cityId: 'taoyuan', id: ID });
    expect(readOpenedAudit(`taoyuan_2016-01-01_January_${ID}`, REACH)).toBeNull();
  });
});

describe('the audit request form’s own checks', () => {
  const today = '2026-11-25';
  const filled = { cityId: 'taoyuan', periodStart: '2026-01-01', periodEnd: '2026-06-30', reason: '書面稽核', dueOn: '' };

  it('accept a complete request, the due date left to the API’s default', () => {
    expect(auditRequestProblems(filled, today)).toEqual({});
  });

  it('name each missing or wrong field', () => {
    expect(auditRequestProblems(EMPTY_AUDIT_REQUEST, today)).toEqual({ cityId: 'required', periodStart: 'required', periodEnd: 'required', reason: 'required' });
    expect(auditRequestProblems({ ...filled, periodEnd: '2025-12-31' }, today)).toEqual({ periodEnd: 'reversed' });
    expect(auditRequestProblems({ ...filled, periodStart: '2026-12-01', periodEnd: '2026-12-31' }, today)).toEqual({ periodStart: 'future' });
    expect(auditRequestProblems({ ...filled, reason: '   ', dueOn: '2026-11-24' }, today)).toEqual({ reason: 'required', dueOn: 'past' });
  });
});
