import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The identity subgraph's Account, referenced by id (names and usernames resolve there). The same stub as
 * query-log's: a type-graphql class has to live in the subgraph that builds the schema (tsx compiles
 * decorators with each package's own tsconfig), so each subgraph declares its own.
 */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Account')
export class AccountReference {
  @Field(() => ID) id!: string;
}

export function accountRef(id: string | null): AccountReference | null {
  return id ? { id } : null;
}
