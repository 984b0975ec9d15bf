import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's Account, referenced by id (names and units resolve there). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Account')
export class AccountReference {
  @Field(() => ID) id!: string;
}

export function accountRef(id: string): AccountReference;
export function accountRef(id: string | null): AccountReference | null;
export function accountRef(id: string | null): AccountReference | null {
  return id ? { id } : null;
}
