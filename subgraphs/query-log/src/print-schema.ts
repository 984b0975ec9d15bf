import { writeOrCheckSdl } from '@custos/federation';
import { buildQueryLogSchema } from './schema';

// Writes (or with --check verifies) the SDL checked in beside the code; the supergraph is composed from it.
writeOrCheckSdl('query-log', await buildQueryLogSchema(), new URL('../schema.graphql', import.meta.url), process.argv);
