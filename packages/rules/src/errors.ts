export type RulesErrorCode =
  | 'UNKNOWN_CITY'
  | 'UNKNOWN_SERVICE'
  | 'INVALID_DATE'
  | 'INVALID_PROFILE'
  | 'INVALID_POPULATION';

/** Every failure of this package carries a code, so the GraphQL layer can map it to `extensions.code` in one place. */
export class RulesError extends Error {
  readonly code: RulesErrorCode;

  constructor(code: RulesErrorCode, message: string) {
    super(message);
    this.name = 'RulesError';
    this.code = code;
  }
}

export interface ProfileIssue {
  /** The `city` the broken profile claims, or `(unknown city)`. */
  city: string;
  /** The id of the version the issue is in, `#<index>` when the version has no id, or `(profile)`. */
  version: string;
  /** Field path inside the version (or the profile), e.g. `audits.sampling.value.minimum`. */
  path: string;
  message: string;
}

export class ProfileValidationError extends RulesError {
  readonly issues: readonly ProfileIssue[];

  constructor(issues: readonly ProfileIssue[]) {
    const lines = issues.map((i) => `  - city "${i.city}", version "${i.version}", field "${i.path}": ${i.message}`);
    super('INVALID_PROFILE', `Invalid rule profile:\n${lines.join('\n')}`);
    this.name = 'ProfileValidationError';
    this.issues = issues;
  }
}
