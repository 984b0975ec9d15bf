import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum TaskState {
  OPEN = 'OPEN',
  OVERDUE = 'OVERDUE',
  DONE = 'DONE',
}
registerEnumType(TaskState, { name: 'TaskState', description: 'OPEN until due, OVERDUE after its due date, DONE once completed.' });

/** The events the rule profiles attach obligations to (`OBLIGATION_EVENTS` in @custos/rules). */
export enum ObligationEventKind {
  ADMIN_CHANGED = 'admin-changed',
  STAFF_MOVED_OR_LEFT = 'staff-moved-or-left',
  MISUSE_FOUND = 'misuse-found',
  ANOMALY_FOUND = 'anomaly-found',
  SECURITY_INCIDENT = 'security-incident',
}
registerEnumType(ObligationEventKind, {
  name: 'ObligationEventKind',
  description: 'What happened: an admin, contact window or unit head changed (Changhua 4(八)); a user moved or left; misuse or an anomaly was found; a personal-data incident.',
});

@ObjectType('ComplianceTask', { description: "One obligation of the city's compliance calendar, from its rule profile." })
export class ComplianceTaskType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The rule-profile obligation this task fulfils.' }) obligationId!: string;
  @Field(() => String, { nullable: true, description: 'The kind of obligation, e.g. register-check, sample-audit, notify-bureau.' }) kind!: string | null;
  @Field(() => String, { nullable: true, description: 'monthly, quarterly, half-yearly, yearly or event.' }) cadence!: string | null;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'The rule that requires it, e.g. "Taoyuan 4(五)3".' }) citation!: string;
  @Field(() => String, { description: 'The platform role responsible.' }) ownerRole!: string;
  @Field(() => String, { nullable: true, description: 'The WebIR service whose rules require it.' }) service!: string | null;
  @Field(() => String, { nullable: true, description: 'The rule-profile version that requires it.' }) ruleVersionId!: string | null;
  @Field(() => String, { description: 'First day of the period the task covers, or the day of its event (YYYY-MM-DD).' }) periodStart!: string;
  @Field(() => String, { nullable: true, description: 'Last day of the period the task covers (YYYY-MM-DD).' }) periodEnd!: string | null;
  @Field(() => String, { description: 'Due date (YYYY-MM-DD).' }) dueOn!: string;
  @Field(() => TaskState) state!: TaskState;
  @Field(() => ID, { nullable: true, description: 'The event that started this task, for event-driven obligations.' }) eventId!: string | null;
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => ID, { nullable: true, description: 'The account that completed it.' }) completedBy!: string | null;
  @Field(() => String, { nullable: true }) completionNote!: string | null;
  @Field(() => ID, { nullable: true, description: 'The central agency’s audit request this task answers (see bureauRequest), for a bureau-audit-request task.' })
  bureauRequestId!: string | null;
}

@ObjectType('ObligationEvent', { description: 'Something that happened and starts obligations under the rules in force that day.' })
export class ObligationEventType {
  @Field(() => ID) id!: string;
  @Field(() => ObligationEventKind) kind!: ObligationEventKind;
  @Field(() => String, { description: 'The day it happened (YYYY-MM-DD).' }) occurredOn!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => [ComplianceTaskType], { description: "The tasks it started under the city's rules; empty when the rules attach no obligation to it." })
  tasks!: ComplianceTaskType[];
}

@ObjectType('CalendarGeneration', { description: 'The result of generating the compliance calendar for a period.' })
export class CalendarGenerationType {
  @Field(() => Int, { description: 'Tasks created now; tasks that already existed are not created again.' }) created!: number;
  @Field(() => [ComplianceTaskType], { description: 'Every calendar task due in the period.' }) tasks!: ComplianceTaskType[];
}
