import type { RequestScope } from '@custos/tenancy';
import { ComplianceTaskEntity } from './compliance-task.entity';
import { TaskState, type ComplianceTaskType } from './compliance-task.type';

export function taskState(task: Pick<ComplianceTaskEntity, 'completedAt' | 'dueOn'>, today: string): TaskState {
  if (task.completedAt) return TaskState.DONE;
  return task.dueOn < today ? TaskState.OVERDUE : TaskState.OPEN;
}

export class ComplianceTaskService {
  /** The city's tasks by due date, optionally only those in one state. */
  async list(scope: RequestScope, cityId: string, now: Date, state?: TaskState | null): Promise<ComplianceTaskType[]> {
    const manager = await scope.manager(cityId);
    const today = now.toISOString().slice(0, 10);
    const rows = await manager.getRepository(ComplianceTaskEntity).find({ where: { cityId }, order: { dueOn: 'ASC', id: 'ASC' }, take: 500 });
    return rows
      .map((row) => ({ ...row, state: taskState(row, today) }))
      .filter((task) => !state || task.state === state);
  }
}
