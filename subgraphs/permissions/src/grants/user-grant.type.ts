import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('UserGrant', { description: 'An account may query this item (附表二 user application), from a date until revoked.' })
export class UserGrantType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The query item: "<service>:<code>:<lookup key>", e.g. "labor-insurance:C0101:national-id".' }) itemKey!: string;
  @Field(() => Date) grantedAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
}
