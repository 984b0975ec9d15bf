import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'graphql';

/**
 * Static composition: the supergraph is built from the SDL checked in beside each subgraph and
 * written to gateway/supergraph.graphql. `--check` fails (exit 1) when the checked-in file is stale.
 */
export const SUBGRAPHS = [
  { name: 'identity', dir: 'identity', url: 'http://127.0.0.1:4101/graphql' },
  { name: 'permissions', dir: 'permissions', url: 'http://127.0.0.1:4102/graphql' },
  { name: 'query-log', dir: 'query-log', url: 'http://127.0.0.1:4103/graphql' },
  { name: 'audit', dir: 'audit', url: 'http://127.0.0.1:4104/graphql' },
] as const;

export const SUPERGRAPH_FILE = new URL('../supergraph.graphql', import.meta.url);

export function composeSupergraph(readSdl: (dir: string) => string = (dir) => readFileSync(new URL(`../../subgraphs/${dir}/schema.graphql`, import.meta.url), 'utf8')): string {
  const result = composeServices(SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(readSdl(subgraph.dir)) })));
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  return `${result.supergraphSdl.trim()}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const composed = composeSupergraph();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (current !== composed) {
      console.error('gateway/supergraph.graphql is stale: run `pnpm compose` after changing a subgraph schema.');
      process.exit(1);
    }
    console.log('supergraph is up to date');
  } else {
    writeFileSync(SUPERGRAPH_FILE, composed);
    console.log(`wrote ${SUPERGRAPH_FILE.pathname}`);
  }
}
