import type { AccountPrincipal } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import type { IsoDate } from '@custos/rules';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { cityService, versionOn } from '../shared/city-rules';
import { daysBetween } from '../shared/dates';
import { plannedCalendarTasks, plannedEventTasks, type PlannedTask } from './compliance-calendar';
import { mayComplete, seesWholeCalendar } from './compliance-task.policy';
import { ComplianceTaskEntity } from './compliance-task.entity';
import { ComplianceTaskType, TaskState, type ObligationEventKind, type ObligationEventType } from './compliance-task.type';
import { ObligationEventEntity } from './obligation-event.entity';

/** Generation covers at most two years at a time: enough for any cadence, bounded work per request. */
export const MAX_CALENDAR_DAYS = 731;
const MAX_NOTE_LENGTH = 2000;
const MAX_LIST = 500;

export function taskState(task: Pick<ComplianceTaskEntity, 'completedAt' | 'dueOn'>, today: IsoDate): TaskState {
  if (task.completedAt) return TaskState.DONE;
  return task.dueOn < today ? TaskState.OVERDUE : TaskState.OPEN;
}

export function presentTask(task: ComplianceTaskEntity, today: IsoDate): ComplianceTaskType {
  return {
    id: task.id,
    obligationId: task.obligationId,
    kind: task.kind,
    cadence: task.cadence,
    title: task.title,
    citation: task.citation,
    ownerRole: task.ownerRole,
    service: task.service,
    ruleVersionId: task.ruleVersionId,
    periodStart: task.periodStart,
    periodEnd: task.periodEnd,
    dueOn: task.dueOn,
    state: taskState(task, today),
    eventId: task.eventId,
    completedAt: task.completedAt,
    completedBy: task.completedBy,
    completionNote: task.completionNote,
    bureauRequestId: task.bureauRequestId ?? null,
  };
}

export interface TaskFilter {
  state?: TaskState | null;
  dueFrom?: IsoDate | null;
  dueTo?: IsoDate | null;
}

function checkNote(note: string | null | undefined, field: string): string | null {
  const trimmed = note?.trim() ?? '';
  if (trimmed.length > MAX_NOTE_LENGTH) throw new InputError('NOTE_TOO_LONG', `Keep the note under ${MAX_NOTE_LENGTH} characters.`, field);
  return trimmed || null;
}

/**
 * The compliance calendar: tasks generated from the city's rule profile (recurring obligations and the
 * obligations an event starts), listed by due date and completed by a holder of the owner role. Every
 * method takes the request's (or job's) manager, already confined to `cityId`.
 */
export class ComplianceTaskService {
  /** Tasks the viewer may see, by due date: admins see the whole calendar, others their roles' tasks. */
  async list(manager: EntityManager, cityId: string, viewer: AccountPrincipal, today: IsoDate, filter: TaskFilter = {}): Promise<ComplianceTaskType[]> {
    const query = manager.getRepository(ComplianceTaskEntity).createQueryBuilder('task').where('task.city_id = :cityId', { cityId });
    if (!seesWholeCalendar(viewer)) query.andWhere('task.owner_role = ANY(:roles)', { roles: viewer.roles });
    if (!viewer.roles.includes('TOP_ADMIN')) query.andWhere('(task.agency_id IS NULL OR task.agency_id = :agencyId)', { agencyId: viewer.agencyId });
    if (filter.dueFrom) query.andWhere('task.due_on >= :dueFrom', { dueFrom: filter.dueFrom });
    if (filter.dueTo) query.andWhere('task.due_on <= :dueTo', { dueTo: filter.dueTo });
    if (filter.state === TaskState.DONE) query.andWhere('task.completed_at IS NOT NULL');
    if (filter.state === TaskState.OVERDUE) query.andWhere('task.completed_at IS NULL AND task.due_on < :today', { today });
    if (filter.state === TaskState.OPEN) query.andWhere('task.completed_at IS NULL AND task.due_on >= :today', { today });
    const rows = await query.orderBy('task.due_on', 'ASC').addOrderBy('task.obligation_id', 'ASC').addOrderBy('task.id', 'ASC').take(MAX_LIST).getMany();
    return rows.map((row) => presentTask(row, today));
  }

  /**
   * Creates the tasks falling due between `from` and `to` (inclusive) from the city's rule profile.
   * Idempotent: a task that exists for the obligation and period is not created again.
   */
  async generate(manager: EntityManager, cityId: string, from: IsoDate, to: IsoDate, today: IsoDate): Promise<{ created: number; tasks: ComplianceTaskType[] }> {
    if (to < from) throw new InputError('INVALID_RANGE', `The period ends (${to}) before it starts (${from}).`, 'to');
    if (daysBetween(from, to) > MAX_CALENDAR_DAYS) throw new InputError('INVALID_RANGE', `Generate at most two years at a time (${MAX_CALENDAR_DAYS} days).`, 'to');
    const planned = plannedCalendarTasks(cityId, from, to);
    const created = await this.insert(manager, cityId, planned, null);
    const rows = await manager
      .getRepository(ComplianceTaskEntity)
      .createQueryBuilder('task')
      .where('task.city_id = :cityId AND task.event_id IS NULL AND task.due_on BETWEEN :from AND :to', { cityId, from, to })
      .orderBy('task.due_on', 'ASC')
      .addOrderBy('task.obligation_id', 'ASC')
      .getMany();
    return { created, tasks: rows.map((row) => presentTask(row, today)) };
  }

  /**
   * Records that something happened on `occurredOn` and creates the tasks the rules in force that day
   * attach to it, each due by `eventDeadline`. An event the rules attach nothing to is still recorded.
   */
  async recordEvent(
    manager: EntityManager,
    cityId: string,
    input: { kind: ObligationEventKind; occurredOn: IsoDate; note?: string | null; recordedBy: string | null },
    today: IsoDate,
  ): Promise<ObligationEventType> {
    const note = checkNote(input.note, 'note');
    const service = cityService(cityId);
    const version = versionOn(cityId, service, input.occurredOn);
    const event = manager.getRepository(ObligationEventEntity).create({
      id: randomUUID(),
      cityId,
      kind: input.kind,
      occurredOn: input.occurredOn,
      note,
      recordedBy: input.recordedBy,
      recordedAt: new Date(),
    });
    await manager.getRepository(ObligationEventEntity).insert(event);
    await this.insert(manager, cityId, plannedEventTasks(version, service, input.kind, input.occurredOn), event.id);
    const tasks = await manager.getRepository(ComplianceTaskEntity).find({ where: { cityId, eventId: event.id }, order: { dueOn: 'ASC', obligationId: 'ASC' } });
    return {
      id: event.id,
      kind: input.kind,
      occurredOn: event.occurredOn,
      note: event.note,
      recordedAt: event.recordedAt,
      tasks: tasks.map((task) => presentTask(task, today)),
    };
  }

  /** Marks a task done: only a holder of its owner role may, and only once. */
  async complete(manager: EntityManager, cityId: string, viewer: AccountPrincipal, taskId: string, note: string | null | undefined, now: Date, today: IsoDate): Promise<ComplianceTaskType> {
    const completionNote = checkNote(note, 'note');
    const repository = manager.getRepository(ComplianceTaskEntity);
    const task = await repository.createQueryBuilder('task').where('task.city_id = :cityId AND task.id = :taskId', { cityId, taskId }).setLock('pessimistic_write').getOne();
    if (!task) throw new NotFoundError('The task');
    if (!mayComplete(viewer, task)) {
      throw new ForbiddenError(`Only a holder of this task's owner role (${task.ownerRole}) may complete it.`, { requiredRoles: [task.ownerRole] });
    }
    if (task.completedAt) throw new DomainError('TASK_ALREADY_DONE', `This task was already completed on ${task.completedAt.toISOString().slice(0, 10)}.`);
    await repository.update({ id: task.id, cityId }, { completedAt: now, completedBy: viewer.accountId, completionNote });
    return presentTask({ ...task, completedAt: now, completedBy: viewer.accountId, completionNote }, today);
  }

  private async insert(manager: EntityManager, cityId: string, planned: PlannedTask[], eventId: string | null): Promise<number> {
    if (planned.length === 0) return 0;
    const column = <K extends keyof PlannedTask>(key: K) => planned.map((task) => task[key]);
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO audit.compliance_task
         (id, city_id, obligation_id, kind, cadence, title, citation, owner_role, service, rule_version_id, period_start, period_end, due_on, event_id)
       SELECT id, $1, obligation_id, kind, cadence, title, citation, owner_role, service, rule_version_id, period_start, period_end, due_on, $14::uuid
         FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::date[], $12::date[], $13::date[])
           AS t(id, obligation_id, kind, cadence, title, citation, owner_role, service, rule_version_id, period_start, period_end, due_on)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        cityId,
        planned.map(() => randomUUID()),
        column('obligationId'),
        column('kind'),
        column('cadence'),
        column('title'),
        column('citation'),
        column('ownerRole'),
        column('service'),
        column('ruleVersionId'),
        column('periodStart'),
        column('periodEnd'),
        column('dueOn'),
        eventId,
      ],
    );
    return inserted.length;
  }
}
