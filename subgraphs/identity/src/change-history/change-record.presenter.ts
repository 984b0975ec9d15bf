import type { ChangeRecordEntity } from './change-record.entity';
import type { IdentityChangeType, IdentityFieldChange } from './change-record.type';

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

function changedFields(before: Record<string, unknown> | null, after: Record<string, unknown> | null): IdentityFieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].sort();
  return fields
    .map((field) => ({ field, before: before ? json(before[field]) : null, after: after ? json(after[field]) : null }))
    .filter((change) => change.before !== change.after);
}

export function presentChange(record: ChangeRecordEntity): IdentityChangeType {
  return {
    id: record.id,
    occurredAt: record.occurredAt,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    actorKind: record.actorKind,
    actorAccountId: record.actorAccountId,
    clientAddress: record.clientAddress,
    reason: record.reason,
    before: record.before ? JSON.stringify(record.before) : null,
    after: record.after ? JSON.stringify(record.after) : null,
    changedFields: changedFields(record.before, record.after),
  };
}
