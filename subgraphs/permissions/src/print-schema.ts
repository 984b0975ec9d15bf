import { writeOrCheckSdl } from '@custos/federation';
import { buildPermissionsSchema } from './schema';

// Writes (or with --check verifies) the SDL checked in beside the code; the supergraph is composed from it.
writeOrCheckSdl('permissions', await buildPermissionsSchema(), new URL('../schema.graphql', import.meta.url), process.argv);
