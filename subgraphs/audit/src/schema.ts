import { buildFederatedSchema } from '@custos/federation';
import { ComplianceTaskResolver } from './tasks/compliance-task.resolver';

export function buildAuditSchema() {
  return buildFederatedSchema({ resolvers: [ComplianceTaskResolver] });
}
