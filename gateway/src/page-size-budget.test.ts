import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateRows } from './page-size-budget';

const schema = buildSchema(`
  type Query { runs(first: Int! = 20): RunConnection! me: Me! }
  type Me { id: ID! }
  type RunConnection { nodes: [Run!]! }
  type Run { id: ID! items(first: Int! = 50): ItemConnection! }
  type ItemConnection { nodes: [Item!]! }
  type Item { id: ID! }
`);

function rows(source: string, variables: Record<string, unknown> = {}): number {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])));
  return estimateRows(schema, operation.selectionSet, schema.getQueryType()!, fragments, variables);
}

describe('the rows an operation may ask for', () => {
  it('counts a page as its size and a field without pages as nothing', () => {
    expect(rows('{ me { id } }')).toBe(0);
    expect(rows('{ runs(first: 30) { nodes { id } } }')).toBe(30);
  });

  it('takes the size from a variable, or the schema default when none is given', () => {
    expect(rows('query ($n: Int!) { runs(first: $n) { nodes { id } } }', { n: 75 })).toBe(75);
    expect(rows('{ runs { nodes { id } } }')).toBe(20);
  });

  it('multiplies nested pages, through aliases and fragments', () => {
    expect(rows('{ runs(first: 100) { nodes { items(first: 200) { nodes { id } } } } }')).toBe(100 + 100 * 200);
    expect(rows('{ a: runs(first: 10) { nodes { id } } b: runs(first: 10) { nodes { id } } }')).toBe(20);
    expect(rows('{ runs(first: 10) { ...R } } fragment R on RunConnection { nodes { ... on Run { items(first: 5) { nodes { id } } } } }')).toBe(10 + 50);
  });
});
