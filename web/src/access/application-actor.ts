import type { ApplicationEvent } from './access.operations';

/** The words the timeline needs to name who acted (given by the page from its dictionary). */
export interface ActorWords {
  /** The bureau that runs the application's service, e.g. 勞動部勞工保險局; "the bureau" when the service is unknown. */
  bureauName(service: string): string;
  /** How the bureau's officer is named: the API does not say who, only the role (e.g. 中央主管機關人員). */
  bureauOfficer: string;
  unknownActor: string;
  agencyName(agency: { name: string; nameEn: string | null }): string;
}

/**
 * Who acted on an application event, as the city's timeline shows it. A bureau officer's decision (Taoyuan 附表三,
 * 6(二)) comes from the central tenant: the API gives no account or agency of the city for it (`actor` and
 * `actorAgency` null), only the role, so the bureau is named from the application's service.
 */
export function describeActor(event: Pick<ApplicationEvent, 'actor' | 'actorAgency' | 'role'>, service: string, words: ActorWords): { actor: string; agency: string } {
  if (event.actor) {
    return {
      actor: `${event.actor.person.displayName}（${event.actor.username}）`,
      agency: event.actorAgency ? words.agencyName(event.actorAgency) : words.unknownActor,
    };
  }
  if (event.role === 'BUREAU_OFFICER') {
    const bureau = words.bureauName(service);
    return { actor: words.bureauOfficer, agency: event.actorAgency ? words.agencyName(event.actorAgency) : bureau };
  }
  return { actor: words.unknownActor, agency: event.actorAgency ? words.agencyName(event.actorAgency) : words.unknownActor };
}
