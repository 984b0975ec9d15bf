import type { CrossCityReach } from '@custos/auth';
import type { EntityManager } from 'typeorm';
import type { AccountEntity } from '../accounts/account.entity';
import { AgencyEntity } from '../agencies/agency.entity';
import { CityEntity } from '../cities/city.entity';
import { ApiTokenEntity } from '../service-accounts/api-token.entity';

export interface SessionReach {
  crossCity?: CrossCityReach;
  readOnly?: boolean;
}

/** Every tenant of the platform except `ownCityId` (the central tenant itself). */
export async function otherCities(manager: EntityManager, ownCityId: string): Promise<string[]> {
  const cities = await manager.getRepository(CityEntity).find({ order: { id: 'ASC' } });
  return cities.map((city) => city.id).filter((id) => id !== ownCityId);
}

/**
 * Issue 9: what an access token may read beyond its own city, decided by identity when it signs
 * the token (never by the client):
 * - a session opened with an API token is read-only (the gateway refuses its mutations); a token
 *   of a central service account that was scoped to cities and a service reads those cities, for
 *   that service only;
 * - a bureau officer (BUREAU_OFFICER in a CENTRAL agency that runs a service) reads every city's
 *   records of that service, as an explicit list of the platform's cities.
 */
export async function sessionReach(manager: EntityManager, account: AccountEntity, apiTokenId: string | null): Promise<SessionReach> {
  if (apiTokenId) {
    const token = await manager.getRepository(ApiTokenEntity).findOneBy({ cityId: account.cityId, id: apiTokenId });
    if (token?.readCityIds?.length && token.readService) return { readOnly: true, crossCity: { cityIds: [...token.readCityIds].sort(), service: token.readService } };
    return { readOnly: true };
  }
  if (!account.roles.includes('BUREAU_OFFICER')) return {};
  const agency = await manager.getRepository(AgencyEntity).findOneBy({ cityId: account.cityId, id: account.agencyId });
  if (agency?.kind !== 'CENTRAL' || !agency.bureauService) return {};
  return { crossCity: { cityIds: await otherCities(manager, account.cityId), service: agency.bureauService } };
}
