import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { AccountReference, accountRef } from '../shared/account-reference.type';
import type { BureauImportJob } from './bureau-import-job';

@ObjectType('BureauImportProblem', { description: 'Why a bureau records file was rejected: the line and field.' })
export class BureauImportProblemType {
  @Field(() => Int, { nullable: true }) line!: number | null;
  @Field(() => String, { nullable: true, description: 'The column (record_id, queried_at, user_account, service, item_code, subject_id), or null for the whole line.' }) field!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType('BureauImportJob', { description: 'An import of the bureau’s query records: poll it for progress.' })
export class BureauImportJobType {
  @Field(() => ID) id!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String, { description: 'QUEUED, RUNNING, SUCCEEDED or FAILED (a failed import kept nothing).' }) status!: string;
  @Field(() => String, { description: 'QUEUED, READING, INSERTING, CHECKING or DONE.' }) phase!: string;
  @Field(() => Float, { nullable: true, description: 'Share of the file read, 0–1, when its size is known.' }) progress!: number | null;
  @Field(() => Float, { nullable: true }) totalBytes!: number | null;
  @Field(() => Float) bytesRead!: number;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int, { description: 'Records added by this import.' }) rowsInserted!: number;
  @Field(() => Int, { description: 'Records already imported before (or repeated in the file): skipped.' }) rowsDuplicate!: number;
  @Field(() => Int, { description: 'Added records whose user name matches no account visible to the importer.' }) rowsUnknownAccount!: number;
  @Field(() => [BureauImportProblemType]) errors!: BureauImportProblemType[];
  @Field(() => String, { nullable: true, description: 'SHA-256 of the file as read.' }) fileSha256!: string | null;
  @Field(() => ID) agencyId!: string;
  @Field(() => AccountReference) startedBy!: AccountReference;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

export function presentJob(job: BureauImportJob): BureauImportJobType {
  const done = job.status === 'SUCCEEDED';
  return {
    ...job,
    progress: done ? 1 : job.totalBytes ? Math.min(1, job.bytesRead / job.totalBytes) : null,
    errors: job.errors.map((problem) => ({ line: problem.line ?? null, field: problem.field ?? null, message: problem.message })),
    startedBy: accountRef(job.startedBy),
  };
}
