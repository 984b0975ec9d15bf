import type { AccountPrincipal } from '@custos/auth';
import { hasAnyRole } from '@custos/tenancy';

/** The city's admins see the whole calendar, overdue tasks included; everyone else sees the tasks of the roles they hold. */
export const CALENDAR_OVERSEERS = ['TOP_ADMIN', 'AGENCY_ADMIN'] as const;

/** Who may generate the calendar for a period: the city's governing agency. */
export const CALENDAR_GENERATORS = ['TOP_ADMIN'] as const;

/** Who may record that an event happened (an admin change, a user leaving, an anomaly, an incident). */
export const EVENT_RECORDERS = ['TOP_ADMIN', 'AGENCY_ADMIN', 'AUDITOR'] as const;

export function seesWholeCalendar(viewer: AccountPrincipal): boolean {
  return hasAnyRole(viewer, CALENDAR_OVERSEERS);
}

/** A task is completed by a holder of its owner role, in its agency when it belongs to one. */
export function mayComplete(viewer: AccountPrincipal, task: { ownerRole: string; agencyId: string | null }): boolean {
  return (viewer.roles as string[]).includes(task.ownerRole) && (task.agencyId === null || task.agencyId === viewer.agencyId);
}
