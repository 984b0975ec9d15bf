export { createSubgraphDataSource, type SubgraphDataSourceOptions } from './data-source';
export { RequestScope, TenantScopeError } from './request-scope';
export { requestTransactionPlugin, type ScopedContext } from './transaction-plugin';
export { cityIsolationSql, schemaUsageSql, crossCityReadSql, CURRENT_CITY_SQL, CURRENT_CITY_IDS_SQL, CURRENT_SERVICE_SQL } from './rls';
export { requireAccount, requireRole, hasAnyRole, type RequestContext } from './context';
export { runSchemaMigrations } from './migrate';
export { startScopedSubgraph, stopOnSignals, type RunningScopedSubgraph, type ScopedSubgraphOptions } from './start-subgraph';
export {
  crossCityAccess,
  bureauDecisionAccess,
  crossCityReadLogSql,
  logCrossCityAccess,
  listCrossCityAccess,
  rowsPerCity,
  countsPerCity,
  reportReach,
  type ReportReach,
  operationLabel,
  type CrossCityAccess,
  type CrossCityReadRow,
} from './cross-city-log';
export { AGENCY_DIRECTORY_VIEW, AGENCY_DIRECTORY_READERS, agencyDirectorySql, agencyDirectoryCrossCitySql, agenciesOfCity, requireAgencyOfCity, unknownAgency, installAgencyDirectoryStandIn, addStandInAgencies, AGENCY_NAME_VIEW, agencyNameSql, agencyNames, cityScopedKey, type AgencyName } from './agency-directory';
