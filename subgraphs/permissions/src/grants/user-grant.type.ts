import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('UserGrant', { description: 'An account may query this item (附表二 user application), from a date until revoked.' })
export class UserGrantType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The query item: "<service>:<code>:<lookup key>", e.g. "labor-insurance:C0101:national-id".' }) itemKey!: string;
  @Field(() => Date) grantedAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Why it ended, e.g. the agency grant it depended on ended.' }) revokedReason?: string | null;
  @Field(() => ID, { nullable: true, description: 'The business item of the user’s unit it serves (data minimisation).' }) businessItemId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The approved application that made it.' }) applicationId?: string | null;
}
