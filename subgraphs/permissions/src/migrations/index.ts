import { runSchemaMigrations } from '@custos/tenancy';
import { CreatePermissionsSchema1764028800001 } from './1764028800001-create-permissions-schema';

/** In order; never edit one that has been committed — add a new one. */
export const permissionsMigrations = [CreatePermissionsSchema1764028800001];

export function migratePermissions(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'permissions', permissionsMigrations);
}
