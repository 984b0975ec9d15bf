import { runSchemaMigrations } from '@custos/tenancy';
import { CreatePermissionsSchema1764028800001 } from './1764028800001-create-permissions-schema';
import { GrantsModel1795590000000 } from './1795590000000-grants-model';
import { Applications1795590000001 } from './1795590000001-applications';
import { MutationTrail1796500000000 } from './1796500000000-mutation-trail';
import { BureauDecisions1796600000000 } from './1796600000000-bureau-decisions';
import { BureauGrantCounts1797200000000 } from './1797200000000-bureau-grant-counts';
import { BureauApplicationDetails1797300000000 } from './1797300000000-bureau-application-details';

/** In order; never edit one that has been committed — add a new one. */
export const permissionsMigrations = [CreatePermissionsSchema1764028800001, GrantsModel1795590000000, Applications1795590000001, MutationTrail1796500000000, BureauDecisions1796600000000, BureauGrantCounts1797200000000, BureauApplicationDetails1797300000000];

export function migratePermissions(ownerUrl: string) {
  return runSchemaMigrations(ownerUrl, 'permissions', permissionsMigrations);
}
