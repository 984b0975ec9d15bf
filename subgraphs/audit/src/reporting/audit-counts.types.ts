import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@InputType('FindingCountFilter', { description: 'Which anomaly findings to count. Every field is optional.' })
export class FindingCountFilter {
  @Field(() => Date, { nullable: true, description: 'Only findings detected at or after this instant.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Only findings detected before this instant.' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Only findings in this state: open, investigating or closed.' }) status?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Only these cities: for a central agency, each within its reach (all of them when omitted); a city’s caller may name its own city only.' })
  cityIds?: string[] | null;
}

@InputType('OverdueTaskCountFilter', { description: 'Which overdue compliance tasks to count. Every field is optional.' })
export class OverdueTaskCountFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these cities: for a central agency, each within its reach (all of them when omitted); a city’s caller may name its own city only.' })
  cityIds?: string[] | null;
}

@ObjectType('FindingCount', { description: 'How many anomaly findings one rule raised at one severity in one city.' })
export class FindingCountType {
  @Field(() => ID, { description: 'The city whose findings these are.' }) cityId!: string;
  @Field(() => String, { description: 'The anomaly rule that raised them.' }) ruleId!: string;
  @Field(() => String, { description: 'low, medium or high.' }) severity!: string;
  @Field(() => Int, { description: 'How many findings.' }) count!: number;
  @Field(() => Int, { description: 'Of which still open or under investigation.' }) unresolved!: number;
}

@ObjectType('OverdueTaskCount', { description: 'How many compliance tasks of one obligation (and owner role) in one city are past due and not done.' })
export class OverdueTaskCountType {
  @Field(() => ID, { description: 'The city whose tasks these are.' }) cityId!: string;
  @Field(() => String, { description: 'The rule obligation the tasks come from.' }) obligationId!: string;
  @Field(() => String, { description: 'The role that owes them.' }) ownerRole!: string;
  @Field(() => Int, { description: 'How many are overdue.' }) count!: number;
  @Field(() => String, { description: 'The earliest due date among them (YYYY-MM-DD).' }) oldestDueOn!: string;
}
