import { agencyNames, cityScopedKey as key, type AgencyName } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import type { ApplicationEntity } from './application.entity';

/** A legal basis as the bureau sees it: registered in the city's register, or proposed with the application. */
export interface BureauLegalBasisFacts {
  registered: boolean;
  kind: string;
  category: string;
  lawsZh: string | null;
  purposeZh: string;
  citation: string | null;
}

export interface BureauBusinessItemFacts {
  registered: boolean;
  nameZh: string;
  purposeZh: string;
  legalBasis: BureauLegalBasisFacts | null;
}

/** What a bureau needs to decide an application besides the row itself: the agency's name, the business item and legal basis it names. */
export interface BureauApplicationDetails {
  agency: AgencyName | null;
  businessItem: BureauBusinessItemFacts | null;
  legalBasis: BureauLegalBasisFacts | null;
}

/**
 * The details of a page of applications, in the bureau's cross-city transaction (three queries for the
 * page): row-level security shows only the business items and legal bases these applications name
 * (BureauApplicationDetails1797300000000) and the agencies of the session's cities (identity.agency_name).
 */
export async function bureauApplicationDetails(manager: EntityManager, applications: readonly ApplicationEntity[]): Promise<Map<string, BureauApplicationDetails>> {
  const cityIds = applications.map((a) => a.cityId);
  const itemRows: Array<{ city_id: string; id: string; name_zh: string; purpose_zh: string; legal_basis_id: string }> = applications.some((a) => a.businessItemId)
    ? await manager.query(
        `SELECT b.city_id, b.id::text AS id, b.name_zh, b.purpose_zh, b.legal_basis_id::text AS legal_basis_id
           FROM permissions.business_item b JOIN unnest($1::text[], $2::uuid[]) AS w(city_id, id) ON w.city_id = b.city_id AND w.id = b.id`,
        [cityIds, applications.map((a) => a.businessItemId)],
      )
    : [];
  const items = new Map(itemRows.map((row) => [key(row.city_id, row.id), row]));
  const basisIdOf = (a: ApplicationEntity) => a.legalBasisId ?? a.proposedBusinessItem?.legalBasisId ?? (a.businessItemId ? items.get(key(a.cityId, a.businessItemId))?.legal_basis_id : null) ?? null;
  const basisIds = applications.map(basisIdOf);
  const basisRows: Array<{ city_id: string; id: string; kind: string; category: string; laws_zh: string | null; purpose_zh: string; citation: string | null }> = basisIds.some(Boolean)
    ? await manager.query(
        `SELECT l.city_id, l.id::text AS id, l.kind, l.category, l.laws_zh, l.purpose_zh, l.citation
           FROM permissions.legal_basis l JOIN unnest($1::text[], $2::uuid[]) AS w(city_id, id) ON w.city_id = l.city_id AND w.id = l.id`,
        [cityIds, basisIds],
      )
    : [];
  const bases = new Map(basisRows.map((row) => [key(row.city_id, row.id), { registered: true, kind: row.kind, category: row.category, lawsZh: row.laws_zh, purposeZh: row.purpose_zh, citation: row.citation }]));
  const names = await agencyNames(manager, applications.map((a) => ({ cityId: a.cityId, agencyId: a.agencyId })));

  return new Map(
    applications.map((a, index) => {
      const basisId = basisIds[index];
      const proposedBasis = a.proposedBusinessItem?.legalBasis;
      const basis: BureauLegalBasisFacts | null = basisId
        ? (bases.get(key(a.cityId, basisId)) ?? null)
        : proposedBasis
          ? { registered: false, kind: proposedBasis.kind, category: proposedBasis.category, lawsZh: proposedBasis.lawsZh, purposeZh: proposedBasis.purposeZh, citation: null }
          : null;
      const registeredItem = a.businessItemId ? items.get(key(a.cityId, a.businessItemId)) : undefined;
      const businessItem: BureauBusinessItemFacts | null = registeredItem
        ? { registered: true, nameZh: registeredItem.name_zh, purposeZh: registeredItem.purpose_zh, legalBasis: basis }
        : a.proposedBusinessItem
          ? { registered: false, nameZh: a.proposedBusinessItem.nameZh, purposeZh: a.proposedBusinessItem.purposeZh, legalBasis: basis }
          : null;
      return [a.id, { agency: names.get(key(a.cityId, a.agencyId)) ?? null, businessItem, legalBasis: businessItem ? null : basis }];
    }),
  );
}
