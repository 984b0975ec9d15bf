import { Field, ID, ObjectType } from 'type-graphql';
import { PageInfo } from '../accounts/account.type';

@ObjectType('IdentityFieldChange', { description: 'One field that a change altered, with its values as JSON.' })
export class IdentityFieldChange {
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true, description: 'The value before, as JSON (null when the entity was created).' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'The value after, as JSON.' }) after!: string | null;
}

@ObjectType('IdentityChange', { description: 'One change to identity data, from the append-only change history.' })
export class IdentityChangeType {
  @Field(() => ID) id!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { description: 'e.g. ACCOUNT_CREATED, ACCOUNT_SUSPENDED, ACCOUNT_REVOKED.' }) action!: string;
  @Field(() => String, { description: 'ACCOUNT, PERSON, ADMIN_HANDOVER, ACCOUNT_REVIEW or SERVICE_ACCOUNT.' }) entityType!: string;
  @Field(() => ID) entityId!: string;
  @Field(() => String, { description: 'ACCOUNT (an official) or SYSTEM (a scheduled job under a rule).' }) actorKind!: string;
  @Field(() => ID, { nullable: true, description: 'The account that made the change; null for the system.' }) actorAccountId!: string | null;
  @Field(() => String, { nullable: true, description: 'The client address the gateway saw.' }) clientAddress!: string | null;
  @Field(() => String) reason!: string;
  @Field(() => String, { nullable: true, description: 'The entity before, as JSON.' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'The entity after, as JSON.' }) after!: string | null;
  @Field(() => [IdentityFieldChange]) changedFields!: IdentityFieldChange[];
}

@ObjectType('IdentityChangeConnection', { description: 'A page of the change history, newest first.' })
export class IdentityChangeConnection {
  @Field(() => [IdentityChangeType]) nodes!: IdentityChangeType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
