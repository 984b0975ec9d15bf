import { writeOrCheckSdl } from '@custos/federation';
import { buildAuditSchema } from './schema';

// Writes (or with --check verifies) the SDL checked in beside the code; the supergraph is composed from it.
writeOrCheckSdl('audit', await buildAuditSchema(), new URL('../schema.graphql', import.meta.url), process.argv);
