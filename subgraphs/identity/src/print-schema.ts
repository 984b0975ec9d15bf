import { writeOrCheckSdl } from '@custos/federation';
import { buildIdentitySchema } from './schema';

// Writes (or with --check verifies) the SDL checked in beside the code; the supergraph is composed from it.
writeOrCheckSdl('identity', await buildIdentitySchema(), new URL('../schema.graphql', import.meta.url), process.argv);
