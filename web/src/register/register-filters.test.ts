import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER_FORM, endOfTaiwanDay, registerFilter, startOfTaiwanDay } from './register-filters';

describe('the register filters', () => {
  it('turn Taiwan calendar days into the service’s half-open period', () => {
    expect(startOfTaiwanDay('2026-10-01')).toBe('2026-09-30T16:00:00.000Z');
    expect(endOfTaiwanDay('2026-10-31')).toBe('2026-10-31T16:00:00.000Z');
    expect(registerFilter({ ...EMPTY_FILTER_FORM, from: '2026-10-01', to: '2026-10-31' })).toEqual({
      filter: { from: '2026-09-30T16:00:00.000Z', to: '2026-10-31T16:00:00.000Z' },
    });
  });

  it('send only what was filled in, trimmed', () => {
    expect(registerFilter(EMPTY_FILTER_FORM)).toEqual({ filter: {} });
    expect(registerFilter({ ...EMPTY_FILTER_FORM, caseNumber: '  C-1 ', subject: ' a123456789 ', itemKey: 'labor-insurance:C0101:unspecified' })).toEqual({
      filter: { caseNumber: 'C-1', subjectKind: 'NATIONAL_ID', subject: 'a123456789', itemKey: 'labor-insurance:C0101:unspecified' },
    });
  });

  it('refuse a period that ends before it starts and a subject with a bad checksum, saying which field', () => {
    expect(registerFilter({ ...EMPTY_FILTER_FORM, from: '2026-11-02', to: '2026-11-01' })).toEqual({ problems: [{ field: 'from', problem: 'PERIOD' }] });
    expect(registerFilter({ ...EMPTY_FILTER_FORM, subject: 'A123456788' })).toEqual({ problems: [{ field: 'subject', problem: 'SUBJECT', reason: 'CHECKSUM' }] });
    expect(registerFilter({ ...EMPTY_FILTER_FORM, subjectKind: 'BUSINESS_NUMBER', subject: '123' })).toEqual({
      problems: [{ field: 'subject', problem: 'SUBJECT', reason: 'LENGTH', length: 3 }],
    });
  });
});
