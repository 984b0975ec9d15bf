import { stopOnSignals } from '@custos/tenancy';
import { loadPermissionsConfig } from './env';
import { startPermissions } from './server';

const permissions = await startPermissions(loadPermissionsConfig());
console.log(`[permissions] listening on ${permissions.url}`);
stopOnSignals('permissions', permissions);
