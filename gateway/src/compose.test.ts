import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUBGRAPHS, SUPERGRAPH_FILE } from './compose';

describe('the statically composed supergraph', () => {
  for (const subgraph of SUBGRAPHS) {
    it(`subgraphs/${subgraph.dir}/schema.graphql matches what its code builds`, () => {
      const cwd = fileURLToPath(new URL(`../../subgraphs/${subgraph.dir}/`, import.meta.url));
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/print-schema.ts', '--check'], { cwd, encoding: 'utf8' });
      expect(run.stderr, run.stderr).not.toMatch(/stale/);
      expect(run.status).toBe(0);
    });
  }

  it('gateway/supergraph.graphql is the composition of the checked-in subgraph SDL', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('fails to compose when a subgraph redefines a shared type incompatibly', () => {
    const broken = (dir: string) => {
      const sdl = readFileSync(new URL(`../../subgraphs/${dir}/schema.graphql`, import.meta.url), 'utf8');
      return dir === 'query-log' ? sdl.replace('hasNextPage: Boolean!', 'hasNextPage: String!') : sdl;
    };
    expect(() => composeSupergraph(broken)).toThrow(/Composition failed/);
  });
});
