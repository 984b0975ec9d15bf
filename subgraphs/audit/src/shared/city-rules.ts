import { DomainError, InputError } from '@custos/federation';
import { rules, type IsoDate, type RuleVersion, type ServiceId } from '@custos/rules';

/**
 * The service whose rules govern the city (each city's rules govern one WebIR service today). A caller may
 * name it; otherwise the city's only one is used.
 */
export function cityService(cityId: string, requested?: string | null): ServiceId {
  const services = rules.profilesFor(cityId).map((profile) => profile.service);
  if (requested) {
    if (!services.includes(requested as ServiceId)) {
      throw new InputError('UNKNOWN_SERVICE', `This city's rules do not govern the service "${requested}" (they govern: ${services.join(', ') || 'none'}).`, 'service');
    }
    return requested as ServiceId;
  }
  if (services.length !== 1) throw new InputError('SERVICE_REQUIRED', `Name the service: this city's rules govern ${services.join(', ') || 'none'}.`, 'service');
  return services[0]!;
}

/**
 * The rule version that governs a city's service on a date. A repealed version still judges records made
 * while it was in force (domain brief: "every record is judged by the rules in force on its date").
 */
export function versionOn(cityId: string, service: ServiceId, date: IsoDate): RuleVersion {
  const lookup = rules.at(cityId, service, date);
  if (lookup.inForce) return lookup.version;
  throw new DomainError('NO_RULES_IN_FORCE', lookup.message, { citation: lookup.citation, date });
}

/** The version in force on `date`, or null (Taipei after its repeal). */
export function versionOrNull(cityId: string, service: ServiceId, date: IsoDate): RuleVersion | null {
  const lookup = rules.at(cityId, service, date);
  return lookup.inForce ? lookup.version : null;
}
