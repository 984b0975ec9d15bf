import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The identity subgraph's Agency, referenced here (identity resolves its name and kind). */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Agency')
export class AgencyReference {
  @Field(() => ID) id!: string;
}
