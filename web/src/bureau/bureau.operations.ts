import { gql, type TypedDocumentNode } from '@apollo/client';

// ---- The cities' register, as a central agency sees it (bureauQueryRecords) ----

export interface CrossCityRecord {
  id: string;
  cityId: string;
  agencyId: string;
  unitId: string | null;
  itemKey: string;
  caseNumber: string;
  purpose: string;
  legalBasis: string | null;
  queriedAt: string;
}

export interface CrossCityRecordFilter {
  cityIds?: string[];
  from?: string;
  to?: string;
  agencyId?: string;
}

export interface CrossCityRecordPage {
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  nodes: CrossCityRecord[];
}

export const BUREAU_RECORDS_QUERY: TypedDocumentNode<
  { bureauQueryRecords: CrossCityRecordPage },
  { first: number; after?: string | null; filter: CrossCityRecordFilter }
> = gql`
  query BureauRecords($first: Int!, $after: String, $filter: CrossCityRecordFilter) {
    bureauQueryRecords(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        cityId
        agencyId
        unitId
        itemKey
        caseNumber
        purpose
        legalBasis
        queriedAt
      }
    }
  }
`;

// ---- Counts (queryCounts): a bureau counts its cities for its own service ----

export const COUNT_DIMENSIONS = ['CITY', 'AGENCY', 'UNIT', 'ITEM', 'PURPOSE', 'PURPOSE_CATEGORY', 'MONTH'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

export interface QueryCountRow {
  cityId: string | null;
  agencyId: string | null;
  unitId: string | null;
  itemKey: string | null;
  purpose: string | null;
  /** SOCIAL, POLICE, … when counted by PURPOSE_CATEGORY; null also for queries whose request stated none. */
  purposeCategory: string | null;
  month: string | null;
  count: number;
}

export interface QueryCountFilter {
  cityIds?: string[];
  from?: string;
  to?: string;
  agencyId?: string;
  itemKey?: string;
}

export interface QueryCountReport {
  total: number;
  rows: QueryCountRow[];
}

const COUNT_FIELDS = `total rows { cityId agencyId unitId itemKey purpose purposeCategory month count }`;

export const QUERY_COUNTS_QUERY: TypedDocumentNode<
  { queryCounts: QueryCountReport },
  { groupBy: CountDimension[]; filter: QueryCountFilter }
> = gql`
  query BureauCounts($groupBy: [QueryCountDimension!]!, $filter: QueryCountFilter) {
    queryCounts(groupBy: $groupBy, filter: $filter) { ${COUNT_FIELDS} }
  }
`;

/** The bureau's home: four counts of the same records in one request (each read is logged by the cities). */
export const BUREAU_HOME_COUNTS_QUERY: TypedDocumentNode<
  { byCity: QueryCountReport; byMonth: QueryCountReport; byItem: QueryCountReport; byPurpose: QueryCountReport },
  { filter: QueryCountFilter }
> = gql`
  query BureauHomeCounts($filter: QueryCountFilter) {
    byCity: queryCounts(groupBy: [CITY], filter: $filter) { ${COUNT_FIELDS} }
    byMonth: queryCounts(groupBy: [MONTH], filter: $filter) { ${COUNT_FIELDS} }
    byItem: queryCounts(groupBy: [ITEM], filter: $filter) { ${COUNT_FIELDS} }
    byPurpose: queryCounts(groupBy: [PURPOSE], filter: $filter) { ${COUNT_FIELDS} }
  }
`;

// ---- The cities' names (public) ----

export interface CityName {
  id: string;
  name: string;
  nameEn: string;
}

export const CITY_NAMES_QUERY: TypedDocumentNode<{ cities: CityName[] }, Record<string, never>> = gql`
  query CityNames {
    cities {
      id
      name
      nameEn
    }
  }
`;

// ---- A city's read log: who at the central agencies read this city's records ----

export interface CrossCityRead {
  id: string;
  service: string;
  readerCityId: string;
  readerAccountId: string;
  readerAgencyId: string;
  operation: string;
  rowCount: number;
  readAt: string;
}

export const CROSS_CITY_READS_QUERY: TypedDocumentNode<
  { crossCityReads: { totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: CrossCityRead[] } },
  { first: number; after?: string | null }
> = gql`
  query CrossCityReads($first: Int!, $after: String) {
    crossCityReads(first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      nodes {
        id
        service
        readerCityId
        readerAccountId
        readerAgencyId
        operation
        rowCount
        readAt
      }
    }
  }
`;
