import { buildFederatedSchema } from '@custos/federation';
import { BureauImportResolver } from './bureau/bureau-import.resolver';
import { ChainResolver } from './chain/chain.resolver';
import { QueryRecordResolver } from './records/query-record.resolver';
import { ReconciliationResolver } from './reconciliation/reconciliation.resolver';
import { QueryRequestResolver } from './requests/query-request.resolver';
import { RegisterResolver } from './register/register.resolver';
import { CrossCityResolver } from './cross-city/cross-city.resolver';
import { QueryCountResolver } from './reporting/query-counts.resolver';
import { SubjectReportResolver } from './subject-report/subject-report.resolver';

export function buildQueryLogSchema() {
  return buildFederatedSchema({ resolvers: [QueryRequestResolver, QueryRecordResolver, ChainResolver, RegisterResolver, BureauImportResolver, ReconciliationResolver, CrossCityResolver, QueryCountResolver, SubjectReportResolver] });
}
