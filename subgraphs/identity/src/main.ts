import { stopOnSignals } from '@custos/tenancy';
import { loadIdentityConfig } from './env';
import { startIdentity } from './server';

const identity = await startIdentity(loadIdentityConfig());
console.log(`[identity] listening on ${identity.url}`);
stopOnSignals('identity', identity);
