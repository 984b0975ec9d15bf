import { gql, type TypedDocumentNode } from '@apollo/client';

export const TASK_STATES = ['OVERDUE', 'OPEN', 'DONE'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export interface ComplianceTask {
  id: string;
  obligationId: string;
  title: string;
  citation: string;
  ownerRole: string;
  dueOn: string;
  state: TaskState;
}

export const COMPLIANCE_TASKS_QUERY: TypedDocumentNode<{ complianceTasks: ComplianceTask[] }, { state: TaskState | null }> = gql`
  query ComplianceTasks($state: TaskState) {
    complianceTasks(state: $state) {
      id
      obligationId
      title
      citation
      ownerRole
      dueOn
      state
    }
  }
`;
