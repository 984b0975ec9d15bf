import { z } from 'zod';
import {
  AGENCY_SCOPES,
  APPLICATION_KINDS,
  APPLICATION_OPERATIONS,
  CADENCES,
  CITY_IDS,
  PLATFORM_ROLES,
  RULE_SOURCES,
  SERVICE_IDS,
  type RuleSource,
} from './ids';

/*
 * The shape of a rule profile. Profiles are plain data (src/profiles/*.ts) parsed with this
 * schema when the package loads; structural errors come from zod, cross-field errors from
 * `checkProfile` in profile-validation.ts. Types used by services are inferred from here so
 * the data, the validator and the API cannot drift apart.
 */

export const cityIdSchema = z.enum(CITY_IDS);
export const serviceIdSchema = z.enum(SERVICE_IDS);
export const platformRoleSchema = z.enum(PLATFORM_ROLES);
export const agencyScopeSchema = z.enum(AGENCY_SCOPES);
export const applicationKindSchema = z.enum(APPLICATION_KINDS);
export const applicationOperationSchema = z.enum(APPLICATION_OPERATIONS);
export const cadenceSchema = z.enum(CADENCES);
export const ruleSourceSchema = z.enum(RULE_SOURCES);
const isoDateSchema = z.iso.date();
const text = z.string().trim().min(1);

/**
 * Every rule value is citable. `source` defaults to `rule`; data that is not stated by the rule
 * says so (`rule-silent`: the rule has no such provision; `platform-default`: the platform's
 * choice where the rule is silent or gives no number, explained in `note`).
 */
const citableFields = {
  citation: text,
  source: ruleSourceSchema.default('rule'),
  note: text.optional(),
};
export const citableSchema = z.object(citableFields);

export function cited<T extends z.ZodType>(value: T) {
  return z.object({ value, ...citableFields });
}

/** A rule value with its citation, e.g. `{ value: 7, citation: 'Changhua 4(八)', source: 'rule' }`. */
export interface Cited<T> {
  value: T;
  citation: string;
  source: RuleSource;
  note?: string;
}
export type Citable = z.output<typeof citableSchema>;

// --- forms and scope -------------------------------------------------------------------

export const FORM_KINDS = [
  'agency-admin-application',
  'user-application',
  'agency-items-application',
  'business-item-register',
  'query-register',
  'query-request',
  'proxy-authorisation',
  'audit-checklist',
  'audit-record',
] as const;
export const formKindSchema = z.enum(FORM_KINDS);
export type FormKind = z.infer<typeof formKindSchema>;

const formSchema = z.object({
  kind: formKindSchema,
  /** The form's number in this version, e.g. `附表四` — Changhua's revision renumbered its forms. */
  number: text,
  titleZh: text,
  ...citableFields,
});
export type RuleForm = z.output<typeof formSchema>;

const legalBasisSchema = z.object({
  category: z.enum(['social', 'police', 'traffic', 'health', 'other']),
  categoryZh: text,
  /** The laws named, or null for the catch-all category. */
  lawsZh: text.nullable(),
  purposeZh: text,
  ...citableFields,
});
export type LegalBasis = z.output<typeof legalBasisSchema>;

const itemEligibilitySchema = z.object({
  /**
   * `any-catalogue-item-with-legal-basis`: any item of the service, once granted with a legal basis;
   * `business-register-items`: only items serving a business item listed in the agency's 業務項目清冊;
   * `listed-items-only`: only the item keys in `items`.
   */
  mode: z.enum(['any-catalogue-item-with-legal-basis', 'business-register-items', 'listed-items-only']),
  items: z.array(text),
  /** Legal bases the rule itself enumerates (Tainan 2) or fixes (Changhua 2 original). */
  legalBases: z.array(legalBasisSchema),
});

// --- roles and approvals ------------------------------------------------------------------

const roleMappingSchema = cited(
  z.object({
    /** False when the city's rules have no such office. */
    present: z.boolean(),
    titleZh: text.nullable(),
    titleEn: text.nullable(),
    /** The agency that holds the role where the rule names one (e.g. 勞動局). */
    agencyZh: text.nullable(),
  }),
);
export type RoleMapping = z.output<typeof roleMappingSchema>;

export const STEP_ACTIONS = ['consent', 'apply', 'endorse', 'review', 'approve', 'apply-to-bureau', 'set-up', 'notify-egov-platform'] as const;

const stepAlternativeSchema = z.object({
  role: platformRoleSchema,
  agency: agencyScopeSchema,
  /** When this actor acts instead, in the rule's words. */
  when: text,
  ...citableFields,
});

const approvalStepSchema = z.object({
  role: platformRoleSchema,
  agency: agencyScopeSchema,
  action: z.enum(STEP_ACTIONS),
  /** Who acts, as the rule or form names them (e.g. 單位主管核章 → 單位主管). */
  titleZh: text,
  /** The step applies only to a commissioned agency (受委託機關). */
  onlyWhen: z.enum(['commissioned-agency']).optional(),
  alternatives: z.array(stepAlternativeSchema).optional(),
  ...citableFields,
});
export type ApprovalStep = z.output<typeof approvalStepSchema>;

const applicationRuleSchema = z.object({
  /** False when the rule has no such application (e.g. Changhua's original rule fixes the only item itself). */
  available: cited(z.boolean()),
  operations: cited(z.array(applicationOperationSchema)),
  formKind: formKindSchema.nullable(),
  /** Ordered: the first step acts first. */
  steps: z.array(approvalStepSchema),
  requiresLegalBasis: cited(z.boolean()),
  /** Tainan 附表一/二: 個資保護提醒事項 must be ticked or no access is opened. */
  personalDataAcknowledgement: cited(z.boolean()),
});
export type ApplicationRule = z.output<typeof applicationRuleSchema>;

// --- login and accounts ----------------------------------------------------------------------

const passwordComplexitySchema = z.object({
  minLength: z.number().int().min(8),
  requireUppercase: z.boolean(),
  requireLowercase: z.boolean(),
  requireDigit: z.boolean(),
  requireSymbol: z.boolean(),
});
export type PasswordComplexity = z.output<typeof passwordComplexitySchema>;

const loginSchema = z.object({
  prerequisites: cited(z.array(z.enum(['myegov-official-account', 'citizen-certificate-uploaded']))),
  /** Login must use the 自然人憑證. */
  certificateRequired: cited(z.boolean()),
  certificateAllowed: cited(z.boolean()),
  /** A password exists and is used at login (alone, or with the certificate where that is required). */
  passwordAllowed: cited(z.boolean()),
  passwordMaxAgeDays: cited(z.number().int().positive().nullable()),
  passwordComplexity: cited(passwordComplexitySchema.nullable()),
  lockoutThreshold: cited(z.number().int().positive()),
  /** Days without a login after which the annual account review treats an account as idle (閒置). */
  idleAccountDays: cited(z.number().int().positive()),
  accountSharingForbidden: cited(z.boolean()),
});

const accountsSchema = z.object({
  revokeOnDutyChange: cited(
    z.object({
      deadline: z.enum(['on-or-before-move-date', 'during-leave-procedure', 'at-periodic-review', 'not-specified']),
    }),
  ),
  adminHandover: cited(
    z
      .object({
        newAccountBeforeOldStopped: z.boolean(),
        handOver: z.array(z.enum(['user-roster', 'audit-records', 'query-records'])),
      })
      .nullable(),
  ),
  /** What the periodic account review looks for. */
  accountReviewChecks: cited(z.array(z.enum(['duplicate', 'idle', 'role-changed', 'departed', 'retired', 'validity']))),
});

// --- query controls ------------------------------------------------------------------------------

const officeHoursSchema = z.object({
  timeZone: z.literal('Asia/Taipei'),
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  from: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  to: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type OfficeHours = z.output<typeof officeHoursSchema>;

export const REGISTER_FIELDS = ['case-number', 'user', 'query-date', 'purpose', 'legal-basis-or-consent', 'supervisor-approval'] as const;

const queriesSchema = z.object({
  supervisorPreApproval: cited(z.boolean()),
  preApprovalValidityHours: cited(z.number().int().positive().nullable()),
  /** Per query: a legal basis, or the citizen's signed consent (Taoyuan 4(五)2). */
  legalBasisOrConsentPerQuery: cited(z.boolean()),
  registerFormKind: formKindSchema.nullable(),
  /** Fields the rule itself requires in the per-query register or request. */
  registerFields: cited(z.array(z.enum(REGISTER_FIELDS))),
  proxyQueries: cited(
    z.object({
      allowed: z.boolean(),
      writtenAuthorisationRequired: z.boolean(),
      formKind: formKindSchema.nullable(),
    }),
  ),
  officeHoursOnly: cited(z.boolean()),
  officeHours: cited(officeHoursSchema.nullable()),
  officeNetworkOnly: cited(z.boolean()),
  outsourcedVendorsBarred: cited(z.boolean()),
});

// --- recurring obligations ---------------------------------------------------------------------

export const OBLIGATION_EVENTS = ['admin-changed', 'staff-moved-or-left', 'misuse-found', 'anomaly-found', 'security-incident'] as const;
const obligationEventSchema = z.enum(OBLIGATION_EVENTS);

/**
 * When an obligation falls due. Periods are calendar months, quarters, half-years or years.
 * - `day-of-following-month`: by `day` of the month after the period (Taoyuan: by the 10th).
 * - `month-day-following-year`: by month/day of the year after the period (Taipei: by the end of March).
 * - `end-of-period`: by the period's last day (the rule says "every quarter/half year/year").
 * - event rules: counted from an event rather than the calendar.
 */
const dueRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('day-of-following-month'), day: z.number().int().min(1).max(31) }),
  z.object({ type: z.literal('month-day-following-year'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }),
  z.object({ type: z.literal('end-of-period') }),
  z.object({
    type: z.literal('days-after-event'),
    event: obligationEventSchema,
    days: z.number().int().positive(),
    /** Changhua 4(八) 異動翌日起七日內: counting starts the day after the event. */
    countFrom: z.enum(['event-day', 'next-day']),
  }),
  z.object({ type: z.literal('on-or-before-event'), event: obligationEventSchema }),
  z.object({ type: z.literal('upon-event'), event: obligationEventSchema }),
]);
export type DueRule = z.output<typeof dueRuleSchema>;

export const OBLIGATION_KINDS = [
  'register-hand-in',
  'register-check',
  'reconciliation',
  'bureau-records-download',
  'internal-audit',
  'sample-audit',
  'audit-report',
  'on-site-audit',
  'account-review',
  'data-destruction-check',
  'data-security-audit',
  'link-need-review',
  'records-review',
  'subordinate-audit',
  'file-destruction',
  'notify-bureau',
  'admin-handover',
  'revoke-account',
  'anomaly-investigation',
] as const;

const obligationSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(OBLIGATION_KINDS),
  cadence: cadenceSchema,
  dueRule: dueRuleSchema,
  owner: platformRoleSchema,
  description: text,
  ...citableFields,
});
export type Obligation = z.output<typeof obligationSchema>;

// --- audits ----------------------------------------------------------------------------------

const samplingRuleSchema = z.object({
  period: z.enum(['month', 'half-year']),
  unit: z.enum(['case', 'query-row']),
  /** Whole percent, so sample sizes are computed without floating-point error. */
  percent: z.number().int().min(1).max(100),
  minimum: z.number().int().nonnegative(),
  maximum: z.number().int().positive().nullable(),
  /** Below this population every record is checked. */
  allIfFewerThan: z.number().int().nonnegative(),
  rounding: z.literal('up'),
});
export type SamplingRule = z.output<typeof samplingRuleSchema>;

const checklistItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  textZh: text,
  textEn: text,
  /** True when `textZh` is the rule's or form's exact wording; false when derived from the rule text. */
  verbatim: z.boolean(),
  ...citableFields,
});
export type ChecklistItem = z.output<typeof checklistItemSchema>;

export const ANOMALY_ACTIONS = [
  'revoke-account',
  'pursue-responsibility',
  'report-to-agency-head',
  'reward-penalty-proposal',
  'joint-audit',
  'audit-report',
  'audit-record',
  'notify-agency',
] as const;

const auditsSchema = z.object({
  sampling: cited(samplingRuleSchema.nullable()),
  checklist: cited(
    z.object({
      formKind: formKindSchema.nullable(),
      items: z.array(checklistItemSchema),
      /** Per-item outcomes, e.g. 符合/不符. */
      resultOptionsZh: z.array(text),
      /** Fields the record has besides the items, e.g. 上次稽核結果. */
      extraFields: z.array(z.object({ zh: text, en: text })),
    }),
  ),
  anomalyTeam: cited(
    z.object({
      members: z.array(platformRoleSchema).min(1),
      triggerZh: text,
      outputZh: text,
    }),
  ),
  anomalyActions: cited(z.array(z.enum(ANOMALY_ACTIONS))),
  /** Who signs off the internal audit results. */
  resultsReviewedBy: cited(platformRoleSchema.nullable()),
  /** Who may audit the using agencies from outside. */
  externalAuditors: cited(z.array(agencyScopeSchema)),
});

// --- retention and destruction ---------------------------------------------------------------------

export const RECORD_KINDS = [
  'account-application',
  'admin-change-form',
  'query-request',
  'query-register',
  'query-log-printout',
  'system-query-records',
  'audit-record',
  'audit-report',
  'account-review',
  'data-destruction-check',
  'data-security-audit',
] as const;
export const recordKindSchema = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof recordKindSchema>;

const retentionRuleSchema = z.object({
  recordKind: recordKindSchema,
  /** Minimum years to keep; the rules all say 至少/以上 (at least). */
  minimumYears: z.number().int().positive(),
  startsAt: z.enum(['record-date', 'account-revocation']),
  ...citableFields,
});
export type RetentionRule = z.output<typeof retentionRuleSchema>;

const destructionSchema = z.object({
  printouts: cited(
    z.object({
      fileWithCaseWhenNeeded: z.boolean(),
      whenNoLongerNeeded: z.enum([
        'destroy-immediately',
        'destroy-per-archive-schedule',
        'destroy-within-period',
        'destroy-immediately-or-periodically',
      ]),
      /** Months after the query before a printout may count as no longer needed (Changhua 5(五): 12). */
      holdMonthsAfterQuery: z.number().int().positive().nullable(),
      destroyWithinMonths: z.number().int().positive().nullable(),
      methodZh: text.nullable(),
    }),
  ),
  electronicCopies: cited(z.enum(['forbidden', 'access-controlled', 'not-addressed'])),
  copyingForbidden: cited(z.boolean()),
});

// --- versions and profiles ---------------------------------------------------------------------

export const ruleVersionSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  labelZh: text,
  labelEn: text,
  effectiveFrom: isoDateSchema,
  effectiveFromBasis: citableSchema,
  /** Exclusive: the first day the version no longer applies. */
  effectiveUntil: isoDateSchema.optional(),
  effectiveUntilBasis: citableSchema.optional(),
  /** `repealed`: no longer in force — replaced by the next version, or abolished (then `repeal` says how). */
  status: z.enum(['in-force', 'repealed']),
  repeal: z
    .object({
      date: isoDateSchema,
      instrumentZh: text,
      ...citableFields,
    })
    .optional(),
  scope: cited(z.object({ agenciesZh: text, agenciesEn: text })),
  forms: z.array(formSchema),
  itemEligibility: cited(itemEligibilitySchema),
  roles: z.record(platformRoleSchema, roleMappingSchema),
  applications: z.record(applicationKindSchema, applicationRuleSchema),
  /** A commissioned agency (受委託機關) needs the commissioning agency's consent first. */
  commissionedAgencyConsent: cited(z.object({ required: z.boolean(), consentBy: agencyScopeSchema.nullable() })),
  login: loginSchema,
  accounts: accountsSchema,
  queries: queriesSchema,
  obligations: z.array(obligationSchema),
  audits: auditsSchema,
  retention: cited(z.array(retentionRuleSchema)),
  destruction: destructionSchema,
});

export const ruleProfileShape = z.object({
  city: cityIdSchema,
  service: serviceIdSchema,
  titleZh: text,
  titleEn: text,
  /** The seed document the profile encodes, under shared/seeds/. */
  sourceDocument: text,
  versions: z.array(ruleVersionSchema).min(1),
});

export type RuleVersion = z.output<typeof ruleVersionSchema>;
export type RuleProfile = z.output<typeof ruleProfileShape>;
/** What profile data files are written as: `source` may be omitted where it is `rule`. */
export type RuleProfileInput = z.input<typeof ruleProfileShape>;
export type RuleVersionInput = z.input<typeof ruleVersionSchema>;
