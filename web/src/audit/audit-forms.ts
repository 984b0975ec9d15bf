import { isIsoDate } from '../ui/format';
import type { ChecklistAnswerInput, ChecklistEntry, CriterionJudgment, JudgmentInput, JudgmentResult, ChecklistResult } from './audit.operations';

/** Message keys of the validation problems, per field. */
export type FieldProblems<Field extends string> = Partial<Record<Field, string>>;

export interface PeriodInput {
  periodStart: string;
  periodEnd: string;
}

/** An audit period: two real dates, in order, ended before today (the period must be over to be audited). */
export function validatePeriod(input: PeriodInput, today: string): FieldProblems<'periodStart' | 'periodEnd'> {
  const problems: FieldProblems<'periodStart' | 'periodEnd'> = {};
  if (input.periodStart.trim() === '') problems.periodStart = 'audit.form.required';
  else if (!isIsoDate(input.periodStart)) problems.periodStart = 'audit.form.invalidDate';
  if (input.periodEnd.trim() === '') problems.periodEnd = 'audit.form.required';
  else if (!isIsoDate(input.periodEnd)) problems.periodEnd = 'audit.form.invalidDate';
  if (!problems.periodStart && !problems.periodEnd) {
    if (input.periodEnd < input.periodStart) problems.periodEnd = 'audit.form.endBeforeStart';
    else if (input.periodEnd >= today) problems.periodEnd = 'audit.form.periodNotOver';
  }
  return problems;
}

export interface JudgmentDraft {
  result: JudgmentResult | '';
  note: string;
}

export function judgmentDrafts(judgments: readonly CriterionJudgment[]): Record<string, JudgmentDraft> {
  return Object.fromEntries(judgments.map((judgment) => [judgment.criterion, { result: judgment.result ?? '', note: judgment.note ?? '' }]));
}

/** Every required criterion 符合, the others 不適用: the usual answer, to be changed where the record falls short. */
export function allConforming(judgments: readonly CriterionJudgment[], drafts: Record<string, JudgmentDraft>): Record<string, JudgmentDraft> {
  return Object.fromEntries(
    judgments.map((judgment) => [
      judgment.criterion,
      { result: judgment.required ? 'CONFORMS' : 'NOT_APPLICABLE', note: drafts[judgment.criterion]?.note ?? '' },
    ]),
  );
}

/** Checks a record's answers: every criterion answered, 不適用 only where not required, 不符 explained. */
export function validateJudgments(
  judgments: readonly CriterionJudgment[],
  drafts: Record<string, JudgmentDraft>,
): { problems: Record<string, string>; input: JudgmentInput[] } {
  const problems: Record<string, string> = {};
  const input: JudgmentInput[] = [];
  for (const judgment of judgments) {
    const draft = drafts[judgment.criterion] ?? { result: '', note: '' };
    if (draft.result === '') problems[judgment.criterion] = 'audit.judge.answerRequired';
    else if (draft.result === 'NOT_APPLICABLE' && judgment.required) problems[judgment.criterion] = 'audit.judge.notApplicableRefused';
    else if (draft.result === 'NONCONFORMING' && draft.note.trim() === '') problems[judgment.criterion] = 'audit.judge.noteRequired';
    else input.push({ criterion: judgment.criterion, result: draft.result, note: draft.note.trim() === '' ? null : draft.note.trim() });
  }
  return { problems, input };
}

export interface ChecklistDraft {
  result: ChecklistResult | '';
  note: string;
}

export function checklistDrafts(entries: readonly ChecklistEntry[]): Record<string, ChecklistDraft> {
  return Object.fromEntries(entries.map((entry) => [entry.itemId, { result: entry.result ?? '', note: entry.note ?? '' }]));
}

/** The answered checklist items (unanswered ones may be answered later); 不符 needs its 辦理情形說明. */
export function validateChecklist(
  entries: readonly ChecklistEntry[],
  drafts: Record<string, ChecklistDraft>,
): { problems: Record<string, string>; answers: ChecklistAnswerInput[] } {
  const problems: Record<string, string> = {};
  const answers: ChecklistAnswerInput[] = [];
  for (const entry of entries) {
    const draft = drafts[entry.itemId] ?? { result: '', note: '' };
    if (draft.result === '') continue;
    if (draft.result === 'NONCONFORMING' && draft.note.trim() === '') problems[entry.itemId] = 'audit.checklist.noteRequired';
    else answers.push({ itemId: entry.itemId, result: draft.result, note: draft.note.trim() === '' ? null : draft.note.trim() });
  }
  return { problems, answers };
}

/** The next signature the audit waits for, or null once every step is signed. */
export function nextSignoffStep<Step extends { signedBy: string | null }>(steps: readonly Step[]): Step | null {
  return steps.find((step) => !step.signedBy) ?? null;
}

/** The audit an AUDIT_EXISTS refusal points to (the period was drawn before), if the error says so. */
export function existingAuditId(error: unknown): string | null {
  const errors = (error as { errors?: ReadonlyArray<{ extensions?: { code?: unknown; auditId?: unknown } | null }> } | null)?.errors;
  if (!Array.isArray(errors)) return null;
  const found = errors.find((candidate) => candidate.extensions?.code === 'AUDIT_EXISTS' && typeof candidate.extensions.auditId === 'string');
  return found ? (found.extensions!.auditId as string) : null;
}
