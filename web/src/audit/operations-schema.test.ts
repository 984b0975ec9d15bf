import { readFileSync } from 'node:fs';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as auditOperations from './audit.operations';
import * as bureauOperations from '../bureau/bureau.operations';
import * as homeOperations from '../home/home.operations';
import * as organisationOperations from '../organisation/organisation.operations';

// The composed supergraph the gateway serves: every query and mutation of these areas must be valid against it, so a
// renamed field fails here rather than in front of an auditor.
const supergraph = buildSchema(readFileSync(new URL('../../../gateway/supergraph.graphql', import.meta.url), 'utf8'), { assumeValidSDL: true });

function documents(module: Record<string, unknown>): Array<[string, DocumentNode]> {
  return Object.entries(module).filter((entry): entry is [string, DocumentNode] => {
    const value = entry[1];
    return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';
  });
}

describe('the audit, organisation, home and bureau operations', () => {
  it.each([
    ['audit', auditOperations],
    ['organisation', organisationOperations],
    ['home', homeOperations],
    ['bureau', bureauOperations],
  ] as const)('%s: every document is valid against the supergraph', (_area, module) => {
    const found = documents(module);
    expect(found.length).toBeGreaterThan(0);
    const problems = found.flatMap(([name, document]) => validate(supergraph, document).map((error) => `${name}: ${error.message}`));
    expect(problems).toEqual([]);
  });

  it('would notice a field the gateway does not have', async () => {
    const { gql } = await import('@apollo/client');
    expect(validate(supergraph, gql`query { audits { id noSuchField } }`)).toHaveLength(1);
  });
});
