import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo, RoleGraphQLEnum } from '../accounts/account.type';

export enum NoticeStateEnum {
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
  DONE = 'DONE',
}
registerEnumType(NoticeStateEnum, { name: 'BureauNoticeState', description: 'OPEN until due, OVERDUE after the due date, DONE once notified.' });

@InputType('AdminHandoverInput')
export class AdminHandoverInput {
  @Field(() => ID, { description: 'The admin who leaves the role.' }) outgoingAccountId!: string;
  @Field(() => ID, { description: 'An active account of the same agency that takes the role.' }) incomingAccountId!: string;
  @Field(() => String, { description: "The outgoing admin's move date (YYYY-MM-DD): their account is stopped on or before it." }) moveOn!: string;
  @Field(() => String) reason!: string;
}

@InputType('BureauNotifiedInput')
export class BureauNotifiedInput {
  @Field(() => ID) handoverId!: string;
  @Field(() => String, { description: 'The day the bureau was notified (YYYY-MM-DD).' }) notifiedOn!: string;
  @Field(() => String, { description: 'The letter or message reference.' }) reference!: string;
}

@ObjectType('HandedOverItem', { description: 'One kind of record handed to the new admin (Changhua 4(四)).' })
export class HandedOverItemType {
  @Field(() => String, { description: 'user-roster, audit-records or query-records.' }) kind!: string;
  @Field(() => String) description!: string;
  @Field(() => Int, { description: 'How many records identity counted (0 for records another service holds).' }) count!: number;
  @Field(() => String, { nullable: true, description: 'Where the records are, when identity does not hold them.' }) reference!: string | null;
}

@ObjectType('HandoverRosterEntry', { description: 'One account of the user roster as handed over.' })
export class HandoverRosterEntryType {
  @Field(() => ID) accountId!: string;
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => [RoleGraphQLEnum]) roles!: string[];
  @Field(() => String) status!: string;
}

@ObjectType('BureauNotice', { description: 'The notice to the bureau an admin change requires (Changhua 4(八): within 7 days).' })
export class BureauNoticeType {
  @Field(() => String, { description: 'The rule-profile obligation, e.g. notify-bureau-of-change.' }) obligationId!: string;
  @Field(() => String) citation!: string;
  @Field(() => String, { description: 'Last day (YYYY-MM-DD).' }) dueOn!: string;
  @Field(() => NoticeStateEnum) state!: NoticeStateEnum;
  @Field(() => String, { nullable: true }) notifiedOn!: string | null;
  @Field(() => String, { nullable: true }) reference!: string | null;
}

@ObjectType('AdminHandover', { description: 'A change of admin: the new admin active before the old is stopped, on or before the move date.' })
export class AdminHandoverType {
  @Field(() => ID) id!: string;
  @Field(() => ID) agencyId!: string;
  @Field(() => ID) outgoingAccountId!: string;
  @Field(() => ID) incomingAccountId!: string;
  @Field(() => [RoleGraphQLEnum]) roles!: string[];
  @Field(() => String, { description: 'The outgoing admin’s move date (YYYY-MM-DD).' }) moveOn!: string;
  @Field(() => String) reason!: string;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => Date, { description: 'When the new admin held the role: always before the old one was stopped.' }) incomingActiveAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the old admin was stopped; null while scheduled for the move date.' }) outgoingStoppedAt!: Date | null;
  @Field(() => Boolean, { description: 'Recorded after the move date: the rule’s deadline was missed.' }) late!: boolean;
  @Field(() => [HandedOverItemType]) handedOver!: HandedOverItemType[];
  @Field(() => [HandoverRosterEntryType]) roster!: HandoverRosterEntryType[];
  @Field(() => BureauNoticeType, { nullable: true, description: 'Null where the rules require no notice.' }) bureauNotice!: BureauNoticeType | null;
  @Field(() => String, { description: 'The handover rule, e.g. "Changhua 4(三), 4(四)".' }) citation!: string;
  recordedBy!: string;
}

@ObjectType('AdminHandoverConnection')
export class AdminHandoverConnection {
  @Field(() => [AdminHandoverType]) nodes!: AdminHandoverType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
