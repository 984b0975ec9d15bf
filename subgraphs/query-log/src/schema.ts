import { buildFederatedSchema } from '@custos/federation';
import { QueryRecordResolver } from './records/query-record.resolver';

export function buildQueryLogSchema() {
  return buildFederatedSchema({ resolvers: [QueryRecordResolver] });
}
