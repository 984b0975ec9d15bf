import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum TaskState {
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
  DONE = 'DONE',
}
registerEnumType(TaskState, { name: 'TaskState', description: 'OPEN until due, OVERDUE after its due date, DONE once completed.' });

@ObjectType('ComplianceTask', { description: "One obligation of the city's compliance calendar, from its rule profile." })
export class ComplianceTaskType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The rule-profile obligation this task fulfils.' }) obligationId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'The rule that requires it, e.g. "Taoyuan 4(五)3".' }) citation!: string;
  @Field(() => String, { description: 'The platform role responsible.' }) ownerRole!: string;
  @Field(() => String, { description: 'Due date (YYYY-MM-DD).' }) dueOn!: string;
  @Field(() => TaskState) state!: TaskState;
}
