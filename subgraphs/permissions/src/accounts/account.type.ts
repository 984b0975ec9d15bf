import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The identity subgraph's Account, extended here with what the account may query. The external
 * fields are identity's; the gateway fetches them for fields that @require them (queryDecision).
 */
@Directive('@key(fields: "id")')
@ObjectType('Account')
export class AccountReference {
  @Field(() => ID) id!: string;
  @Directive('@external') @Field(() => String) status?: string;
  @Directive('@external') @Field(() => Boolean) isVendorStaff?: boolean;
  @Directive('@external') @Field(() => ID) agencyId?: string;
  @Directive('@external') @Field(() => ID, { nullable: true }) unitId?: string | null;
}
