import type { Role } from '@custos/auth';
import { DomainError } from '@custos/federation';
import { isCityId, isServiceId, rules, type PlatformRole, type RuleVersion } from '@custos/rules';
import { auditDrawers } from './audit.policy';

export const SAMPLE_CRITERIA = ['legitimate-purpose', 'within-business-item', 'register-complete', 'pre-approval-present', 'printout-handled'] as const;
export type SampleCriterionId = (typeof SAMPLE_CRITERIA)[number];

export interface CriterionRule {
  criterion: SampleCriterionId;
  labelZh: string;
  labelEn: string;
  citation: string;
  /** False where the rules in force on the record's date do not ask for it: then "not applicable" is an answer. */
  required: boolean;
}

/**
 * What each sampled record is judged on, under the rules in force on the day of the query (domain brief:
 * every record is judged by the rules of its date). Pre-approval applies only where the rules require it
 * (Changhua 5(一), Tainan 7(一)).
 */
export function criteriaFor(version: RuleVersion): CriterionRule[] {
  const q = version.queries;
  return [
    { criterion: 'legitimate-purpose', labelZh: '查詢目的正當（業務特定目的範圍內使用）', labelEn: 'Legitimate purpose, within the specific business purpose', citation: '個人資料保護法 第5條、第15條、第16條', required: true },
    { criterion: 'within-business-item', labelZh: '查詢項目在核定之業務範圍內', labelEn: 'Within the approved business item', citation: version.itemEligibility.citation, required: true },
    { criterion: 'register-complete', labelZh: '查詢登記資料完整', labelEn: 'Register entry complete', citation: q.registerFields.citation, required: true },
    { criterion: 'pre-approval-present', labelZh: '查詢前經主管核可', labelEn: 'Supervisor approved before the query', citation: q.supervisorPreApproval.citation, required: q.supervisorPreApproval.value },
    { criterion: 'printout-handled', labelZh: '列印資料已併案歸檔或銷毀', labelEn: 'Printout filed with the case or destroyed', citation: version.destruction.printouts.citation, required: true },
  ];
}

/**
 * The stored rule version, or null when the rule profiles do not know it (a row written before the
 * audit_rule_version_id_well_formed check, or a version since removed from the profiles): the rows stay
 * evidence and are presented flagged, never failing the list they are in.
 */
export function knownVersion(cityId: string, service: string, versionId: string): RuleVersion | null {
  if (!isCityId(cityId) || !isServiceId(service)) return null;
  return rules.versions(cityId, service).find((v) => v.id === versionId) ?? null;
}

/** The stored rule version, for work that cannot be done without it (reviewing, signing, investigating). */
export function versionById(cityId: string, service: string, versionId: string): RuleVersion {
  const version = knownVersion(cityId, service, versionId);
  if (!version) {
    throw new DomainError('UNKNOWN_RULE_VERSION', `The rule profiles do not know the rule version "${versionId}" of this record, so its rules cannot be applied.`, {
      ruleVersionId: versionId,
    });
  }
  return version;
}

/** The version that judges a record made on `date`, or the audit's own when none was in force (a record after a repeal). */
export function versionForRecord(cityId: string, service: string, date: Date, fallback: RuleVersion): RuleVersion {
  const lookup = rules.at(cityId, service, date);
  return lookup.inForce ? lookup.version : fallback;
}

export interface SignoffStepRule {
  step: number;
  /** Any of these roles may sign this step. */
  roles: Role[];
  /** The local title, from the profile (e.g. 科(室、組)長). */
  titleZh: string | null;
  citation: string;
}

function present(version: RuleVersion, role: PlatformRole): boolean {
  return version.roles[role]?.value.present ?? false;
}

/**
 * Who signs the audit off, in order: whoever audited (the auditor, or the role the rules make check the
 * records), then the unit head, then the agency head — each only where the city's rules have that office.
 * Where there is no agency head, the role the rules send the results to signs last (Changhua 8(二):
 * 查核紀錄送管理者備查).
 */
export function signoffChain(version: RuleVersion): SignoffStepRule[] {
  const steps: Array<Omit<SignoffStepRule, 'step'>> = [];
  const auditors = auditDrawers(version).filter((role) => role === 'AUDITOR' || present(version, role));
  steps.push({
    roles: auditors,
    titleZh: auditors.map((role) => version.roles[role]?.value.titleZh).find(Boolean) ?? null,
    citation: version.audits.sampling.citation,
  });
  if (present(version, 'UNIT_HEAD')) {
    steps.push({ roles: ['UNIT_HEAD'], titleZh: version.roles.UNIT_HEAD!.value.titleZh, citation: version.roles.UNIT_HEAD!.citation });
  }
  const reviewer = version.audits.resultsReviewedBy;
  if (present(version, 'AGENCY_HEAD')) {
    steps.push({ roles: ['AGENCY_HEAD'], titleZh: version.roles.AGENCY_HEAD!.value.titleZh, citation: reviewer.value === 'AGENCY_HEAD' ? reviewer.citation : version.roles.AGENCY_HEAD!.citation });
  } else if (reviewer.value && !steps.some((s) => s.roles.includes(reviewer.value as Role))) {
    steps.push({ roles: [reviewer.value as Role], titleZh: version.roles[reviewer.value]?.value.titleZh ?? null, citation: reviewer.citation });
  }
  return steps.map((s, i) => ({ ...s, step: i + 1 }));
}
