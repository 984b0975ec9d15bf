import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';

/** The SDL checked in beside each subgraph (`schema.graphql`) and composed into the supergraph. */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}

/**
 * Writes the subgraph's SDL to `file`, or with `--check` exits 1 when the checked-in file differs
 * from what the code builds (so a schema change cannot land without its SDL and supergraph).
 */
export function writeOrCheckSdl(name: string, schema: GraphQLSchema, file: URL, argv: string[]): void {
  const sdl = printSubgraphSdl(schema);
  if (!argv.includes('--check')) {
    writeFileSync(file, sdl);
    return;
  }
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (current !== sdl) {
    console.error(`subgraphs/${name}/schema.graphql is stale: run \`pnpm --filter @custos/${name} print-schema\` and then \`pnpm compose\`.`);
    process.exit(1);
  }
}
