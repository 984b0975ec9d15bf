import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../accounts/account.type';

export enum ReviewDecisionEnum {
  KEEP = 'KEEP',
  REVOKE = 'REVOKE',
}
registerEnumType(ReviewDecisionEnum, { name: 'AccountReviewDecision', description: 'Keep the account, or revoke it now.' });

@InputType('StartAccountReviewInput')
export class StartAccountReviewInput {
  @Field(() => String, { description: 'Why now, e.g. "2026 annual account review (Changhua 6(一))".' }) reason!: string;
}

@InputType('AccountReviewDecisionInput')
export class AccountReviewDecisionInput {
  @Field(() => ID) rowId!: string;
  @Field(() => ReviewDecisionEnum) decision!: ReviewDecisionEnum;
  @Field(() => String) reason!: string;
}

@ObjectType('AccountReviewRow', { description: 'One account the review found, and the reviewer’s decision.' })
export class AccountReviewRowType {
  @Field(() => ID) id!: string;
  @Field(() => ID) accountId!: string;
  @Field(() => [String], { description: 'DUPLICATE, IDLE (no login for the idle days), MOVED, DEPARTED, VENDOR.' }) findings!: string[];
  @Field(() => Date, { description: 'Last login, or creation when it never logged in.' }) lastActivityAt!: Date;
  @Field(() => [String], { description: 'Usernames of the person’s other live accounts (why DUPLICATE).' }) otherAccountUsernames!: string[];
  @Field(() => String, { nullable: true }) leftOn!: string | null;
  @Field(() => ReviewDecisionEnum, { nullable: true }) decision!: ReviewDecisionEnum | null;
  @Field(() => String, { nullable: true }) decisionReason!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  decidedBy!: string | null;
}

@ObjectType('AccountReview', { description: 'A periodic account review (Changhua 6(一), Tainan 4(二)1), kept for the rules’ retention period.' })
export class AccountReviewType {
  @Field(() => ID) id!: string;
  @Field(() => ID, { nullable: true, description: 'Null for a city-wide review.' }) agencyId!: string | null;
  @Field(() => String) reason!: string;
  @Field(() => String, { description: 'OPEN or COMPLETED.' }) status!: string;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => [String], { description: 'What the city’s rules ask the review to look for.' }) checks!: string[];
  @Field(() => String) checksCitation!: string;
  @Field(() => Int, { description: 'Days without a login after which an account counts as idle.' }) idleDays!: number;
  @Field(() => String) idleCitation!: string;
  @Field(() => String, { description: 'Kept at least until (YYYY-MM-DD).' }) retainUntil!: string;
  @Field(() => String) retentionCitation!: string;
  startedBy!: string;
  completedBy!: string | null;
}

@ObjectType('AccountReviewConnection')
export class AccountReviewConnection {
  @Field(() => [AccountReviewType]) nodes!: AccountReviewType[];
  @Field(() => PageInfo) pageInfo!: PageInfo;
}
