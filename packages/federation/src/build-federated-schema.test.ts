import { ApolloServer } from '@apollo/server';
import { Directive, Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildFederatedSchema } from './build-federated-schema';
import { DomainError, formatSubgraphError, InputError } from './errors';
import { printSubgraphSdl } from './print-sdl';

@Directive('@key(fields: "id")')
@ObjectType('Widget')
class Widget {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@Resolver(() => Widget)
class WidgetResolver {
  @Query(() => [Widget])
  widgets(): Widget[] {
    return [{ id: '1', name: 'one' }];
  }
}

describe('buildFederatedSchema', () => {
  it('builds a Federation 2 subgraph whose SDL keeps @key and whose entities resolve by reference', async () => {
    const schema = await buildFederatedSchema({ resolvers: [WidgetResolver] }, {
      Widget: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, name: `widget ${reference.id}` }) },
    });
    const sdl = printSubgraphSdl(schema);
    expect(sdl).toMatch(/@link\(url: "https:\/\/specs.apollo.dev\/federation\/v2/);
    expect(sdl).toMatch(/type Widget\s+@key\(fields: "id"\)/);
    // Executed by Apollo Server, as in production (it and @apollo/subgraph share one graphql-js).
    const server = new ApolloServer({ schema });
    await server.start();
    const response = await server.executeOperation({ query: `{ _entities(representations: [{ __typename: "Widget", id: "7" }]) { ... on Widget { name } } }` });
    await server.stop();
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    expect(result?.errors).toBeUndefined();
    expect(result?.data).toEqual({ _entities: [{ name: 'widget 7' }] });
  });
});

describe('formatSubgraphError', () => {
  const formatted = { message: 'raw', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  it('turns a domain error into its code, human message and details', () => {
    const error = new InputError('INVALID_NATIONAL_ID', 'The check digit is wrong.', 'subject');
    expect(formatSubgraphError(formatted, error, { exposeInternal: false })).toMatchObject({
      message: 'The check digit is wrong.',
      extensions: { code: 'INVALID_NATIONAL_ID', field: 'subject' },
    });
    expect(formatSubgraphError(formatted, new DomainError('GRANT_NOT_HELD', 'No grant.'), { exposeInternal: false }).extensions?.code).toBe('GRANT_NOT_HELD');
  });

  it('masks anything unexpected (SQL, stack traces) in production', () => {
    const leaky = { message: 'relation "identity.account" does not exist', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } };
    const masked = formatSubgraphError(leaky, new Error('relation "identity.account" does not exist'), { exposeInternal: false });
    expect(masked.message).not.toMatch(/identity|relation/);
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
