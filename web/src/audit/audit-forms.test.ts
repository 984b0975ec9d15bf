import { describe, expect, it } from 'vitest';
import { allConforming, existingAuditId, judgmentDrafts, nextSignoffStep, validateChecklist, validateJudgments, validatePeriod } from './audit-forms';
import type { ChecklistEntry, CriterionJudgment } from './audit.operations';
import { base64ToBytes, safeFileName } from './download';

const criterion = (name: string, required: boolean): CriterionJudgment => ({
  criterion: name,
  labelZh: name,
  labelEn: name,
  citation: 'x',
  required,
  result: null,
  note: null,
});

describe('audit forms', () => {
  it('checks an audit period: dates, order, and that it is over', () => {
    expect(validatePeriod({ periodStart: '2026-01-01', periodEnd: '2026-01-31' }, '2026-02-01')).toEqual({});
    expect(validatePeriod({ periodStart: '', periodEnd: '2026-02-30' }, '2026-03-01')).toEqual({
      periodStart: 'audit.form.required',
      periodEnd: 'audit.form.invalidDate',
    });
    expect(validatePeriod({ periodStart: '2026-02-01', periodEnd: '2026-01-31' }, '2026-03-01')).toEqual({ periodEnd: 'audit.form.endBeforeStart' });
    expect(validatePeriod({ periodStart: '2026-02-01', periodEnd: '2026-02-28' }, '2026-02-28')).toEqual({ periodEnd: 'audit.form.periodNotOver' });
  });

  it('asks every criterion, refuses 不適用 where required and 不符 without a note', () => {
    const judgments = [criterion('a', true), criterion('b', false), criterion('c', true)];
    const empty = validateJudgments(judgments, judgmentDrafts(judgments));
    expect(empty.problems).toEqual({ a: 'audit.judge.answerRequired', b: 'audit.judge.answerRequired', c: 'audit.judge.answerRequired' });

    const drafts = allConforming(judgments, judgmentDrafts(judgments));
    expect(validateJudgments(judgments, drafts)).toEqual({
      problems: {},
      input: [
        { criterion: 'a', result: 'CONFORMS', note: null },
        { criterion: 'b', result: 'NOT_APPLICABLE', note: null },
        { criterion: 'c', result: 'CONFORMS', note: null },
      ],
    });
    const wrong = validateJudgments(judgments, { ...drafts, a: { result: 'NOT_APPLICABLE', note: '' }, c: { result: 'NONCONFORMING', note: ' ' } });
    expect(wrong.problems).toEqual({ a: 'audit.judge.notApplicableRefused', c: 'audit.judge.noteRequired' });
  });

  it('sends only the answered checklist items and asks a note for 不符', () => {
    const entries = ['1', '2', '3'].map(
      (itemId): ChecklistEntry => ({ itemId, textZh: itemId, textEn: itemId, citation: 'x', result: null, note: null, previousResult: null, previousAuditId: null }),
    );
    const result = validateChecklist(entries, { '1': { result: 'CONFORMS', note: '' }, '2': { result: 'NONCONFORMING', note: '' }, '3': { result: '', note: '' } });
    expect(result).toEqual({ problems: { '2': 'audit.checklist.noteRequired' }, answers: [{ itemId: '1', result: 'CONFORMS', note: null }] });
  });

  it('finds the next signature in order', () => {
    expect(nextSignoffStep([{ step: 1, signedBy: 'x' }, { step: 2, signedBy: null }, { step: 3, signedBy: null }])).toEqual({ step: 2, signedBy: null });
    expect(nextSignoffStep([{ step: 1, signedBy: 'x' }])).toBeNull();
  });

  it('decodes base64 files and keeps file names safe', () => {
    expect([...base64ToBytes('JVBERi0=')]).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d]);
    expect(safeFileName('../audit:1.pdf', 'x.pdf')).toBe('..-audit-1.pdf');
    expect(safeFileName('  ', 'x.pdf')).toBe('x.pdf');
  });
});

describe('a period drawn before', () => {
  it('points to the existing audit', () => {
    expect(existingAuditId({ errors: [{ message: 'x', extensions: { code: 'AUDIT_EXISTS', auditId: 'a1' } }] })).toBe('a1');
    expect(existingAuditId({ errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] })).toBeNull();
    expect(existingAuditId(new Error('x'))).toBeNull();
    expect(existingAuditId(null)).toBeNull();
  });
});
