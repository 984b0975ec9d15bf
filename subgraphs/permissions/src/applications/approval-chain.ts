import type { AgencyScope, ApplicationRule, ApprovalStep, PlatformRole, RuleVersion } from '@custos/rules';

/** One step of an application's chain, as snapshotted on the day it was filed. */
export interface ChainStep {
  role: PlatformRole;
  agency: AgencyScope;
  action: ApprovalStep['action'];
  titleZh: string;
  citation: string;
  note?: string;
  alternatives: Array<{ role: PlatformRole; agency: AgencyScope; when: string; citation: string }>;
  /** Added by the platform from the version's commissionedAgencyConsent rule (the chain had no consent step). */
  synthesized?: boolean;
}

/** Where the applicant's agency sits: what the agency scopes of the chain resolve against. */
export interface ApplicationPlace {
  agencyId: string;
  unitId: string | null;
  agencyParentId: string | null;
  commissioningAgencyId: string | null;
}

/**
 * Who may act on a step: a role held in a particular agency (and unit), or in any agency of a kind.
 * `onBehalfOf: 'bureau'` marks the top admin recording the bureau's (勞保局/健保署) decision: bureau
 * officers are not tenants of a city, so their decision arrives on paper and is entered by the city.
 */
export interface ActorSpec {
  role: PlatformRole;
  agencyId?: string;
  unitId?: string;
  agencyKind?: string;
  onBehalfOf?: 'bureau';
}

export interface ResolvedChain {
  /** The applicant's own step (已申請), done by filing. */
  applyStep: ChainStep | null;
  /** The steps after filing, in order. */
  steps: ChainStep[];
}

/** Steps that decide something: the applicant (or the account applied for) may never act in them. */
export const TRANSMITTING_ACTIONS: ReadonlySet<string> = new Set(['notify-egov-platform']);

const toChainStep = (step: ApprovalStep, extra: Partial<ChainStep> = {}): ChainStep => ({
  role: step.role,
  agency: step.agency,
  action: step.action,
  titleZh: step.titleZh,
  citation: step.citation,
  ...(step.note ? { note: step.note } : {}),
  alternatives: (step.alternatives ?? []).map((alternative) => ({ role: alternative.role, agency: alternative.agency, when: alternative.when, citation: alternative.citation })),
  ...extra,
});

/**
 * The chain an application runs, from the city's rule profile: steps only for commissioned agencies
 * are kept when the applicant's agency is one; where the version requires the commissioning
 * agency's consent (Taipei 4, Taoyuan 9) and the chain has no consent step, one is put first.
 */
export function resolveChain(version: RuleVersion, rule: ApplicationRule, commissioned: boolean): ResolvedChain {
  const applicable = rule.steps.filter((step) => step.onlyWhen === undefined || (step.onlyWhen === 'commissioned-agency' && commissioned));
  const applyIndex = applicable.findIndex((step) => step.action === 'apply');
  const applyStep = applyIndex >= 0 ? toChainStep(applicable[applyIndex]!) : null;
  const steps = applicable.filter((_, index) => index !== applyIndex).map((step) => toChainStep(step));
  const consent = version.commissionedAgencyConsent;
  if (commissioned && consent.value.required && !steps.some((step) => step.action === 'consent')) {
    steps.unshift({
      role: 'AGENCY_HEAD',
      agency: consent.value.consentBy ?? 'commissioning-agency',
      action: 'consent',
      titleZh: '業務之委託機關',
      citation: consent.citation,
      note: 'a commissioned agency needs the commissioning agency’s consent first; its head consents',
      alternatives: [],
      synthesized: true,
    });
  }
  // Consent comes before anything else is decided (須經委託機關同意後，再函報).
  steps.sort((a, b) => Number(b.action === 'consent') - Number(a.action === 'consent'));
  return { applyStep, steps };
}

function specFor(role: PlatformRole, agency: AgencyScope, place: ApplicationPlace): ActorSpec | null {
  switch (agency) {
    case 'own-unit':
      // An applicant outside any unit (e.g. an agency admin): the unit heads of their agency sign.
      return place.unitId ? { role, agencyId: place.agencyId, unitId: place.unitId } : { role, agencyId: place.agencyId };
    case 'own-agency':
      return { role, agencyId: place.agencyId };
    case 'parent-agency':
      return place.agencyParentId ? { role, agencyId: place.agencyParentId } : null;
    case 'commissioning-agency':
      return place.commissioningAgencyId ? { role, agencyId: place.commissioningAgencyId } : null;
    case 'reviewing-agency':
      return { role, agencyKind: 'REVIEWING' };
    case 'top-admin':
      return { role };
    case 'bureau':
      return { role: 'TOP_ADMIN', onBehalfOf: 'bureau' };
  }
}

/**
 * Everyone who may act on a step. An alternative at the commissioning agency acts instead of the
 * main actor when the applicant's agency is commissioned (Taoyuan 9: 公所由業務主管機關審核); other
 * alternatives may act besides the main actor (Tainan 4(二)3: a first-level agency's admin sets up
 * its second-level agencies' admins).
 */
export function actorsFor(step: ChainStep, place: ApplicationPlace): ActorSpec[] {
  const instead = step.alternatives.filter((alternative) => alternative.agency === 'commissioning-agency' && place.commissioningAgencyId);
  if (instead.length > 0) return instead.map((alternative) => specFor(alternative.role, alternative.agency, place)!).filter(Boolean);
  const main = specFor(step.role, step.agency, place);
  const besides = step.alternatives.filter((alternative) => alternative.agency !== 'commissioning-agency').map((alternative) => specFor(alternative.role, alternative.agency, place));
  return [main, ...besides].filter((spec): spec is ActorSpec => spec !== null);
}

export interface ActorFacts {
  accountId: string;
  personId: string;
  roles: readonly string[];
  agencyId: string;
  unitId: string | null;
  agencyKind: string;
}

export function matchingSpec(actor: ActorFacts, specs: readonly ActorSpec[]): ActorSpec | undefined {
  return specs.find(
    (spec) =>
      actor.roles.includes(spec.role) &&
      (spec.agencyId === undefined || spec.agencyId === actor.agencyId) &&
      (spec.unitId === undefined || spec.unitId === actor.unitId) &&
      (spec.agencyKind === undefined || spec.agencyKind === actor.agencyKind),
  );
}

const SCOPE_WORDS: Record<AgencyScope, string> = {
  'own-unit': "of the applicant's unit",
  'own-agency': "of the applicant's agency",
  'parent-agency': "of the applicant's parent agency",
  'reviewing-agency': 'of the reviewing agency',
  'commissioning-agency': 'of the commissioning agency',
  'top-admin': 'of the city',
  bureau: 'recording the bureau’s decision',
};

/** In words, for refusals: "UNIT_HEAD of the applicant's unit (單位主管, Taoyuan 附表二)". */
export function describeStep(step: ChainStep): string {
  return `${step.role} ${SCOPE_WORDS[step.agency]} (${step.titleZh}, ${step.citation})`;
}
