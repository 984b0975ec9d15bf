import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromAST,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './context';

/**
 * A budget on the rows one operation may ask for. graphql-armor's cost limit prices a field once,
 * whatever its page size; here every field with a `first` argument counts `first` rows (from the
 * literal, the variable or the schema's default), times the rows of the fields it is nested in. So
 * `runs(first: 100) { nodes { items(first: 200) } }` costs 100 + 100 × 200 rows, and fifteen aliases
 * of it cost fifteen times that. The subgraphs cap each page on their own (100 or 200); this stops the
 * products of those caps before any subgraph is asked. 25,000 leaves the console's largest real asks
 * (a page of 100 audits with each one's sample of 100; a CSV export's pages of 200) room to spare.
 */
export const MAX_ROWS_PER_OPERATION = 25_000;

type Fragments = Record<string, FragmentDefinitionNode>;

export function estimateRows(schema: GraphQLSchema, selectionSet: SelectionSetNode, rootType: GraphQLNamedType, fragments: Fragments, variables: Record<string, unknown>): number {
  const walk = (set: SelectionSetNode, type: GraphQLNamedType, multiplier: number, seen: Set<string>): number => {
    let rows = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(type) && !isInterfaceType(type)) continue;
        const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[selection.name.value];
        if (!field) continue;
        const pageSizeArgument = field.args.find((argument) => argument.name === 'first');
        let pageSize = 1;
        if (pageSizeArgument) {
          const given = selection.arguments?.find((argument) => argument.name.value === 'first');
          const value = given ? valueFromAST(given.value, pageSizeArgument.type, variables) : pageSizeArgument.defaultValue;
          pageSize = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 1;
          rows += multiplier * pageSize;
        }
        if (selection.selectionSet) rows += walk(selection.selectionSet, getNamedType(field.type), multiplier * pageSize, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        rows += walk(selection.selectionSet, condition ?? type, multiplier, seen);
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value) ?? type;
        rows += walk(fragment.selectionSet, condition, multiplier, new Set([...seen, fragment.name.value]));
      }
    }
    return rows;
  };
  return walk(selectionSet, rootType, 1, new Set());
}

export function pageSizeBudgetPlugin(maxRows = MAX_ROWS_PER_OPERATION): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) return;
          const rootType = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
          if (!rootType) return;
          const fragments: Fragments = {};
          for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          const rows = estimateRows(schema, operation.selectionSet, rootType, fragments, request.variables ?? {});
          if (rows > maxRows) {
            throw new GraphQLError(
              `This request asks for up to ${Math.round(rows).toLocaleString('en')} rows at once; the limit is ${maxRows.toLocaleString('en')}. Ask for smaller pages (a smaller "first") or fewer lists in one request.`,
              { extensions: { code: 'TOO_MANY_ROWS', http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
