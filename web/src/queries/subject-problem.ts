import type { MessageKey } from '../i18n/dictionaries';
import type { SubjectKind, SubjectProblem } from './identifiers';

/** The sentence for why a subject number is wrong, the same whether the form or the service found it. */
export function subjectProblemMessage(
  t: (key: MessageKey, params?: Record<string, string | number>) => string,
  kind: SubjectKind,
  reason: SubjectProblem | string,
  length?: number,
): string | null {
  const business = kind === 'BUSINESS_NUMBER';
  switch (reason) {
    case 'EMPTY':
      return t('queries.subject.EMPTY');
    case 'LENGTH':
      return t(business ? 'queries.subject.LENGTH_BUSINESS' : 'queries.subject.LENGTH', { length: length ?? '?' });
    case 'FORMAT':
      return t(business ? 'queries.subject.FORMAT_BUSINESS' : 'queries.subject.FORMAT');
    case 'LETTER':
      return t('queries.subject.LETTER');
    case 'GENDER_DIGIT':
      return t('queries.subject.GENDER_DIGIT');
    case 'CHECKSUM':
      return t(business ? 'queries.subject.CHECKSUM_BUSINESS' : 'queries.subject.CHECKSUM');
    case 'OLD_FORMAT_EXPIRED':
      return t('queries.subject.OLD_FORMAT_EXPIRED');
    default:
      return null;
  }
}
