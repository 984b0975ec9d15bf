import { runSchemaMigrations } from '@custos/tenancy';
import { CreateQueryLogSchema1764028800002 } from './1764028800002-create-query-log-schema';

/** In order; never edit one that has been committed — add a new one. */
export const queryLogMigrations = [CreateQueryLogSchema1764028800002];

export function migrateQueryLog(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'query_log', queryLogMigrations);
}
