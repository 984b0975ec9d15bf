import { z } from 'zod';

/** Topics of the permissions outbox identity consumes (payloads built in permissions' applications/application.effects.ts). */
export const GRANT_ROLE_TOPIC = 'identity.account-role.grant';
export const REVOKE_ROLE_TOPIC = 'identity.account-role.revoke';

const uuid = z.string().uuid();

const grantSchema = z.object({
  applicationId: uuid,
  accountId: uuid,
  personId: uuid.nullish(),
  role: z.string().min(1),
  agencyId: uuid.nullish(),
  unitId: uuid.nullish(),
  replacesAccountId: uuid.nullish(),
  revokeReplacedRoleAfterGrant: z.boolean().default(false),
});

const revokeSchema = z.object({
  applicationId: uuid,
  accountId: uuid,
  role: z.string().min(1),
});

export type AccountRoleGrant = z.infer<typeof grantSchema>;
export type AccountRoleRevoke = z.infer<typeof revokeSchema>;

export type OutboxEvent =
  | { kind: 'grant'; id: string; applicationId: string; payload: AccountRoleGrant }
  | { kind: 'revoke'; id: string; applicationId: string; payload: AccountRoleRevoke }
  | { kind: 'unknown'; id: string; applicationId: string | null; reason: string };

/** Reads an event row; a topic or payload identity does not understand becomes `unknown` (acknowledged as refused, never retried). */
export function parseOutboxEvent(row: { id: string; topic: string; payload: unknown }): OutboxEvent {
  const applicationId = typeof (row.payload as { applicationId?: unknown })?.applicationId === 'string' && uuid.safeParse((row.payload as { applicationId: string }).applicationId).success
    ? (row.payload as { applicationId: string }).applicationId
    : null;
  const schema = row.topic === GRANT_ROLE_TOPIC ? grantSchema : row.topic === REVOKE_ROLE_TOPIC ? revokeSchema : null;
  if (!schema) return { kind: 'unknown', id: row.id, applicationId, reason: `UNKNOWN_TOPIC: identity does not handle ${row.topic}` };
  const parsed = schema.safeParse(row.payload);
  if (!parsed.success) return { kind: 'unknown', id: row.id, applicationId, reason: `INVALID_PAYLOAD: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
  return row.topic === GRANT_ROLE_TOPIC
    ? { kind: 'grant', id: row.id, applicationId: parsed.data.applicationId, payload: parsed.data as AccountRoleGrant }
    : { kind: 'revoke', id: row.id, applicationId: parsed.data.applicationId, payload: parsed.data as AccountRoleRevoke };
}
