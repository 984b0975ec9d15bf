import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('ChangeTrailEntry', { description: 'One change (or one recorded read) in the audit trail of a subgraph, with the row before and after.' })
export class ChangeTrailEntryType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'identity, permissions, query_log or audit.' }) subgraph!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String, { nullable: true, description: 'The account that made the change (null for system jobs and anonymous logins).' }) accountId!: string | null;
  @Field(() => String, { nullable: true, description: 'The client address the gateway saw.' }) clientAddress!: string | null;
  @Field(() => String, { description: 'The GraphQL operation, e.g. "mutation suspendAccount", or "system".' }) operation!: string;
  @Field(() => String, { nullable: true, description: 'The operation’s arguments as JSON, secrets redacted.' }) arguments!: string | null;
  @Field(() => String, { nullable: true }) tableName!: string | null;
  @Field(() => String, { description: 'INSERT, UPDATE, DELETE or READ.' }) action!: string;
  @Field(() => String, { nullable: true }) rowId!: string | null;
  @Field(() => String, { nullable: true, description: 'The row before the change, as JSON (secrets left out).' }) before!: string | null;
  @Field(() => String, { nullable: true, description: 'The row after the change, as JSON (secrets left out).' }) after!: string | null;
}
