import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/pagination';

@ObjectType('AgencyGrant', { description: 'An agency holds a query item for a registered business item (with its legal basis), from a date until revoked (附表三).' })
export class AgencyGrantType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => String) itemKey!: string;
  @Field(() => ID) businessItemId!: string;
  @Field(() => Date) grantedAt!: Date;
  @Field(() => Date, { nullable: true }) revokedAt!: Date | null;
  @Field(() => String, { nullable: true }) revokedReason!: string | null;
  @Field(() => ID, { nullable: true }) applicationId!: string | null;
}

@ObjectType('AgencyGrantConnection')
export class AgencyGrantConnection {
  @Field(() => [AgencyGrantType]) nodes!: AgencyGrantType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('AgencyGrantRevocation', { description: 'What a revocation ended.' })
export class AgencyGrantRevocationType {
  @Field(() => AgencyGrantType) grant!: AgencyGrantType;
  @Field(() => Int, { description: 'User grants ended with it, in the same transaction.' }) endedUserGrants!: number;
}
