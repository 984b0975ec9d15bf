import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { noticeDueOn, type AccountRules, type IdentityEvent } from '../rules/account-rules';
import { ObligationEventEntity } from './obligation-event.entity';

export interface IdentityEventInput {
  kind: IdentityEvent;
  occurredOn: string;
  agencyId: string | null;
  subjectType: ObligationEventEntity['subjectType'];
  subjectId: string;
  note: string | null;
  recordedBy: string | null;
}

/**
 * Keeps an event for the audit calendar, one row per obligation the city's rules attach to it
 * (with the deadline those rules give), or a single row when they attach none.
 */
export async function recordObligationEvent(manager: EntityManager, cityId: string, rules: AccountRules, event: IdentityEventInput, now: Date): Promise<ObligationEventEntity[]> {
  const obligations = rules.eventObligations.filter((obligation) => obligation.event === event.kind);
  const base = { cityId, ...event, recordedAt: now, deliveredAt: null };
  const rows: ObligationEventEntity[] = obligations.length
    ? obligations.map((obligation) => ({ ...base, id: randomUUID(), obligationId: obligation.obligationId, citation: obligation.citation, dueOn: noticeDueOn(obligation, event.occurredOn) }))
    : [{ ...base, id: randomUUID(), obligationId: null, citation: null, dueOn: null }];
  await manager.getRepository(ObligationEventEntity).insert(rows);
  return rows;
}
