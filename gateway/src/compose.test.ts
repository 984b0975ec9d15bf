import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph, SUBGRAPHS, SUPERGRAPH_FILE } from './compose';

/** Runs each subgraph's `print-schema --check` (all at once: each builds its schema in its own process). */
function checkSdl(dir: string): Promise<{ status: number; stderr: string }> {
  const cwd = fileURLToPath(new URL(`../../subgraphs/${dir}/`, import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/print-schema.ts', '--check'], { cwd, encoding: 'utf8' }, (error, _stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr }),
    );
  });
}

describe('the statically composed supergraph', () => {
  const checks = new Map<string, { status: number; stderr: string }>();
  beforeAll(async () => {
    const results = await Promise.all(SUBGRAPHS.map((subgraph) => checkSdl(subgraph.dir)));
    SUBGRAPHS.forEach((subgraph, index) => checks.set(subgraph.dir, results[index]!));
  });

  for (const subgraph of SUBGRAPHS) {
    it(`subgraphs/${subgraph.dir}/schema.graphql matches what its code builds`, () => {
      const run = checks.get(subgraph.dir)!;
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
