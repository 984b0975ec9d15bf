import { runSchemaMigrations } from '@custos/tenancy';
import { CreateIdentitySchema1764028800000 } from './1764028800000-create-identity-schema';

/** In order; never edit one that has been committed — add a new one. */
export const identityMigrations = [CreateIdentitySchema1764028800000];

export function migrateIdentity(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'identity', identityMigrations);
}
