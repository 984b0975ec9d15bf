import { Field, InputType, Int, ObjectType } from 'type-graphql';

@InputType('FindingCountFilter', { description: 'Which anomaly findings to count. Every field is optional.' })
export class FindingCountFilter {
  @Field(() => Date, { nullable: true, description: 'Only findings detected at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only findings detected before this instant.' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Only findings in this state: open, investigating or closed.' }) status?: string | null;
}

@ObjectType('FindingCount', { description: 'How many anomaly findings one rule raised at one severity.' })
export class FindingCountType {
  @Field(() => String, { description: 'The anomaly rule that raised them.' }) ruleId!: string;
  @Field(() => String, { description: 'low, medium or high.' }) severity!: string;
  @Field(() => Int, { description: 'How many findings.' }) count!: number;
  @Field(() => Int, { description: 'Of which still open or under investigation.' }) unresolved!: number;
}

@ObjectType('OverdueTaskCount', { description: 'How many compliance tasks of one obligation are past due and not done.' })
export class OverdueTaskCountType {
  @Field(() => String, { description: 'The rule obligation the tasks come from.' }) obligationId!: string;
  @Field(() => String, { description: 'The role that owes them.' }) ownerRole!: string;
  @Field(() => Int, { description: 'How many are overdue.' }) count!: number;
  @Field(() => String, { description: 'The earliest due date among them (YYYY-MM-DD).' }) oldestDueOn!: string;
}
