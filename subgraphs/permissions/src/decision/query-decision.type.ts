import { Field, ObjectType } from 'type-graphql';

@ObjectType('DecisionReason', { description: 'One reason a query is refused, citing the rule that says so.' })
export class DecisionReasonType {
  @Field(() => String, {
    description:
      'Stable code: UNKNOWN_ITEM, ACCOUNT_NOT_ACTIVE, VENDOR_STAFF, RULES_NOT_IN_FORCE, ITEM_NOT_IN_SERVICE, ITEM_NOT_ELIGIBLE, GRANT_NOT_HELD, AGENCY_GRANT_NOT_HELD, OUTSIDE_OFFICE_HOURS, OUTSIDE_OFFICE_NETWORK or PRE_APPROVAL_REQUIRED.',
  })
  code!: string;
  @Field(() => String, { description: 'For people, in words.' }) message!: string;
  @Field(() => String, { nullable: true, description: 'The rule point, e.g. "Taipei 6(三)"; null where no rule point applies.' }) citation!: string | null;
}

@ObjectType('QueryDecision', { description: 'Whether an account may query an item at a moment, with every reason it may not.' })
export class QueryDecisionType {
  @Field(() => Boolean, { description: 'True only when no reason applies.' }) allowed!: boolean;
  @Field(() => [DecisionReasonType]) reasons!: DecisionReasonType[];
  @Field(() => String, { nullable: true, description: "The id of the city's rule version in force at that moment; null when none is." }) ruleVersion!: string | null;
  @Field(() => Date) decidedAt!: Date;
}
