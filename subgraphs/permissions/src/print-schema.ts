import { printSubgraphSdl } from '@custos/federation';
import { writeFileSync } from 'node:fs';
import { buildPermissionsSchema } from './schema';

// Writes the SDL checked in beside the code; the gateway composes the supergraph from it.
writeFileSync(new URL('../schema.graphql', import.meta.url), printSubgraphSdl(await buildPermissionsSchema()));
