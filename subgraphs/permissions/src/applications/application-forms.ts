import { APPLICATION_KINDS, cityInfo, isCityId, rules } from '@custos/rules';
import type { ApplicationFormsType } from './application.type';

/**
 * What each application form of a city asks for under the rules in force at `now`: the operations
 * allowed, the paper form it replaces, whether the personal-data acknowledgement and a legal basis
 * are required, and the chain it runs. The console builds its forms from this, so a form never asks
 * what the city's rules do not, and never omits what they require.
 */
export function applicationForms(cityId: string, now: Date): ApplicationFormsType {
  if (!isCityId(cityId)) return { service: '', ruleVersion: null, message: 'Your city has no rules on this platform.', kinds: [] };
  const service = cityInfo(cityId).service;
  const lookup = rules.at(cityId, service, now);
  if (!lookup.inForce) return { service, ruleVersion: null, message: lookup.message, kinds: [] };
  const version = lookup.version;
  const kinds = APPLICATION_KINDS.flatMap((kind) => {
    const rule = version.applications[kind];
    if (!rule) return [];
    const form = rule.formKind ? version.forms.find((candidate) => candidate.kind === rule.formKind) : undefined;
    return [
      {
        kind,
        available: rule.available.value,
        availableCitation: rule.available.citation,
        operations: [...rule.operations.value],
        operationsCitation: rule.operations.citation,
        form: form ? { kind: form.kind, number: form.number, title: form.titleZh } : null,
        personalDataAcknowledgementRequired: rule.personalDataAcknowledgement.value,
        personalDataAcknowledgementCitation: rule.personalDataAcknowledgement.citation,
        legalBasisRequired: rule.requiresLegalBasis.value,
        legalBasisCitation: rule.requiresLegalBasis.citation,
        steps: rule.steps
          .filter((step) => step.action !== 'apply')
          .map((step) => ({
            role: step.role,
            agencyScope: step.agency,
            action: step.action,
            title: step.titleZh,
            citation: step.citation,
            onlyForCommissionedAgency: step.onlyWhen === 'commissioned-agency',
          })),
      },
    ];
  });
  return { service, ruleVersion: version.id, message: null, kinds };
}
