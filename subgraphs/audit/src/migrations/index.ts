import { runSchemaMigrations } from '@custos/tenancy';
import { CreateAuditSchema1764028800003 } from './1764028800003-create-audit-schema';

/** In order; never edit one that has been committed — add a new one. */
export const auditMigrations = [CreateAuditSchema1764028800003];

export function migrateAudit(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'audit', auditMigrations);
}
