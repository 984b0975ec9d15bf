import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's Account, extended here with what the account may query. */
@Directive('@key(fields: "id")')
@ObjectType('Account')
export class AccountReference {
  @Field(() => ID) id!: string;
}
