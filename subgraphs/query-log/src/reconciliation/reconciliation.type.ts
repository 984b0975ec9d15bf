import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AccountReference, accountRef } from '../shared/account-reference.type';
import { PageInfo } from '../shared/page-info.type';
import type { GroupRow, ItemKind, ItemRow, RunRow, SignOffRow } from './reconciliation.service';

export const ReconciliationItemKindEnum = { MATCHED: 'MATCHED', BUREAU_ONLY: 'BUREAU_ONLY', REGISTER_ONLY: 'REGISTER_ONLY' } as const;
registerEnumType(ReconciliationItemKindEnum, {
  name: 'ReconciliationItemKind',
  description: 'MATCHED: in both; BUREAU_ONLY: in the bureau’s records but not in the register (an unregistered query); REGISTER_ONLY: registered but not in the bureau’s records.',
});

@ObjectType('ReconciliationSignOff', { description: 'A unit admin’s sign-off of their unit’s result (the agency admin’s for records of no unit).' })
export class ReconciliationSignOffType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => AccountReference) signedBy!: AccountReference;
  @Field(() => Date) signedAt!: Date;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('ReconciliationGroup', { description: 'Count-level result for one official (or an unknown bureau user name) of a unit.' })
export class ReconciliationGroupType {
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => AccountReference, { nullable: true }) account!: AccountReference | null;
  @Field(() => String, { nullable: true, description: 'The bureau’s user name when it matches no account.' }) userAccount!: string | null;
  @Field(() => Int) registerCount!: number;
  @Field(() => Int) bureauCount!: number;
  @Field(() => Int) matchedCount!: number;
  @Field(() => Int) bureauOnlyCount!: number;
  @Field(() => Int) registerOnlyCount!: number;
}

@ObjectType('ReconciliationItem', { description: 'One record of a reconciliation list.' })
export class ReconciliationItemType {
  @Field(() => ReconciliationItemKindEnum) kind!: ItemKind;
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => AccountReference, { nullable: true }) account!: AccountReference | null;
  @Field(() => String, { nullable: true }) userAccount!: string | null;
  @Field(() => ID, { nullable: true, description: 'The register entry (absent for bureau-only).' }) registerRecordId!: string | null;
  @Field(() => String, { nullable: true, description: 'The bureau’s record id (absent for register-only and in the matched list).' }) bureauRecordId!: string | null;
  @Field(() => String) service!: string;
  @Field(() => String) itemCode!: string;
  @Field(() => String) subjectMasked!: string;
  @Field(() => Date) queriedAt!: Date;
  @Field(() => Date, { nullable: true }) bureauQueriedAt!: Date | null;
}

@ObjectType('ReconciliationItemConnection')
export class ReconciliationItemConnection {
  @Field(() => [ReconciliationItemType]) nodes!: ReconciliationItemType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}

@ObjectType('ReconciliationRun', { description: 'A monthly reconciliation of an agency’s register with the bureau’s records (Taipei 3, 8(一)2; Taoyuan 4(五)3).' })
export class ReconciliationRunType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => String, { description: 'YYYY-MM (Taiwan time).' }) month!: string;
  @Field(() => AccountReference) createdBy!: AccountReference;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Int) registerCount!: number;
  @Field(() => Int) bureauCount!: number;
  @Field(() => Int) matchedCount!: number;
  @Field(() => Int) bureauOnlyCount!: number;
  @Field(() => Int) registerOnlyCount!: number;
  /** Kept for field resolvers. */
  row!: RunRow;
}

@ObjectType('ReconciliationTask', { description: 'A reconciliation duty from the city’s rules, with its due date and status.' })
export class ReconciliationTaskType {
  @Field(() => String) obligationId!: string;
  @Field(() => String, { description: 'reconciliation, register-check or records-review.' }) kind!: string;
  @Field(() => String) description!: string;
  @Field(() => String) citation!: string;
  @Field(() => String, { description: 'The platform role that owes it.' }) owner!: string;
  @Field(() => String) dueDate!: string;
  @Field(() => String) periodStart!: string;
  @Field(() => String) periodEnd!: string;
  @Field(() => String, { description: 'DONE, OPEN or OVERDUE.' }) status!: string;
}

export function presentRun(row: RunRow): ReconciliationRunType {
  return { ...row, createdBy: accountRef(row.createdBy), row };
}

export function presentGroup(row: GroupRow): ReconciliationGroupType {
  return { ...row, account: accountRef(row.accountId) };
}

export function presentSignOff(row: SignOffRow): ReconciliationSignOffType {
  return { ...row, signedBy: accountRef(row.signedBy) };
}

export function presentItem(row: ItemRow): ReconciliationItemType {
  return { ...row, account: accountRef(row.accountId) };
}
