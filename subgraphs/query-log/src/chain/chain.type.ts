import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../shared/page-info.type';
import { checkpointPayload, type CheckpointRow } from './hash-chain';

@ObjectType('QueryLogCheckpoint', { description: 'A signed checkpoint of the city’s register: record count and head hash, Ed25519-signed.' })
export class QueryLogCheckpointType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'How many records the register held (the head’s sequence number).' }) sequence!: string;
  @Field(() => String) headHash!: string;
  @Field(() => String, { description: 'SHA-256 of the previous checkpoint’s payload and signature (zeros for the first).' }) previousCheckpointHash!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String) keyId!: string;
  @Field(() => String, { description: 'The exact signed bytes (RFC 8785 JSON). Archive it with the signature.' }) signedPayload!: string;
  @Field(() => String, { description: 'Ed25519 signature over signedPayload, base64url.' }) signature!: string;
}

@ObjectType('QueryLogCheckpointConnection')
export class QueryLogCheckpointConnection {
  @Field(() => [QueryLogCheckpointType]) nodes!: QueryLogCheckpointType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('QueryLogCheckpointKey', { description: 'The public key that verifies the city’s checkpoints (archive it with them).' })
export class QueryLogCheckpointKeyType {
  @Field(() => String) keyId!: string;
  @Field(() => String, { description: 'Public Ed25519 JWK, as JSON.' }) publicJwk!: string;
}

@ObjectType('QueryLogProblem', { description: 'A broken or missing link of the register’s chain.' })
export class QueryLogProblemType {
  @Field(() => String, {
    description: 'MISSING_RECORD, BROKEN_LINK, ALTERED_RECORD, CHECKPOINT_SIGNATURE_INVALID, CHECKPOINT_KEY_UNKNOWN, CHECKPOINT_MISMATCH, CHECKPOINT_CHAIN_BROKEN or RECORDS_MISSING_AFTER_CHECKPOINT.',
  })
  kind!: string;
  @Field(() => String) sequence!: string;
  @Field(() => ID, { nullable: true }) recordId!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('QueryLogVerification', { description: 'The result of checking the city’s register chain and its signed checkpoints.' })
export class QueryLogVerificationType {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => QueryLogProblemType, { nullable: true, description: 'The first broken or missing link.' }) firstProblem!: QueryLogProblemType | null;
  @Field(() => [QueryLogProblemType], { description: 'Every problem found, in chain order (at most 50).' }) problems!: QueryLogProblemType[];
  @Field(() => String, { nullable: true }) fromSequence!: string | null;
  @Field(() => String, { nullable: true }) toSequence!: string | null;
  @Field(() => Int) checkedRecords!: number;
  @Field(() => Int) checkedCheckpoints!: number;
  @Field(() => String) headSequence!: string;
  @Field(() => String) headHash!: string;
  @Field(() => QueryLogCheckpointType, { nullable: true }) latestCheckpoint!: QueryLogCheckpointType | null;
}

export function presentCheckpoint(row: CheckpointRow): QueryLogCheckpointType {
  return { ...row, signedPayload: checkpointPayload(row) };
}
