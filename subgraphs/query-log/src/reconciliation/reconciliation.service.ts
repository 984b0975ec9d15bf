import type { AccountPrincipal } from '@custos/auth';
import { decodeCursor, DomainError, encodeCursor, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { obligationCalendar, rules, toTaiwanDate, type CalendarEntry } from '@custos/rules';
import { requireAgencyOfCity, type RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { CallerFacts } from '../platform/platform-gateway';
import { checkPageSize, type PageRequest } from '../shared/pagination';
import { monthStart, reconcileMonth } from './reconcile-month';

/** Who runs and reads an agency's reconciliation; the unit admin signs off their unit (Taipei 3, 8(一)2). */
const RUN_ROLES = ['UNIT_ADMIN', 'AGENCY_ADMIN', 'TOP_ADMIN'] as const;
const READ_ROLES = [...RUN_ROLES, 'AUDITOR', 'ETHICS_OFFICER'] as const;
/** Obligations this subgraph can see done: a signed-off reconciliation of each month of their period. */
const RECONCILIATION_KINDS = ['reconciliation', 'register-check', 'records-review'] as const;

export type ItemKind = 'MATCHED' | 'BUREAU_ONLY' | 'REGISTER_ONLY';

export interface RunRow {
  id: string;
  cityId: string;
  agencyId: string;
  month: string;
  createdBy: string;
  createdAt: Date;
  registerCount: number;
  bureauCount: number;
  matchedCount: number;
  bureauOnlyCount: number;
  registerOnlyCount: number;
}

export interface GroupRow {
  unitId: string | null;
  accountId: string | null;
  userAccount: string | null;
  registerCount: number;
  bureauCount: number;
  matchedCount: number;
  bureauOnlyCount: number;
  registerOnlyCount: number;
}

export interface SignOffRow {
  id: string;
  unitId: string | null;
  signedBy: string;
  signedAt: Date;
  note: string | null;
}

export interface ItemRow {
  kind: ItemKind;
  unitId: string | null;
  accountId: string | null;
  userAccount: string | null;
  registerRecordId: string | null;
  bureauRecordId: string | null;
  service: string;
  itemCode: string;
  subjectMasked: string;
  queriedAt: Date;
  bureauQueriedAt: Date | null;
}

function mapRun(row: Record<string, any>): RunRow {
  return {
    id: row.id,
    cityId: row.city_id,
    agencyId: row.agency_id,
    month: typeof row.month === 'string' ? row.month.slice(0, 7) : toTaiwanDate(row.month).slice(0, 7),
    createdBy: row.created_by,
    createdAt: row.created_at,
    registerCount: row.register_count,
    bureauCount: row.bureau_count,
    matchedCount: row.matched_count,
    bureauOnlyCount: row.bureau_only_count,
    registerOnlyCount: row.register_only_count,
  };
}

function parseMonth(month: string, now: Date): string {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month.trim());
  if (!match) throw new InputError('INVALID_MONTH', 'Give the month as YYYY-MM.', 'month');
  const first = `${match[1]}-${match[2]}-01`;
  if (first > toTaiwanDate(now)) throw new InputError('INVALID_MONTH', 'That month has not begun.', 'month');
  return first;
}

/**
 * Monthly reconciliation of the register with the bureau's records (Taipei 3 第二項, 8(一)2; Taoyuan
 * 4(五)3): run per agency and month, read per unit and official, signed off by each unit's admin.
 */
export class ReconciliationService {
  async run(scope: RequestScope, cityId: string, viewer: AccountPrincipal, input: { month: string; agencyId?: string | null }, now: Date): Promise<RunRow> {
    if (!viewer.roles.some((role) => (RUN_ROLES as readonly string[]).includes(role))) throw new ForbiddenError('Only admins reconcile the register.', { requiredRoles: RUN_ROLES });
    const month = parseMonth(input.month, now);
    const agencyId = input.agencyId ?? viewer.agencyId;
    if (!/^[0-9a-f-]{36}$/i.test(agencyId)) throw new InputError('INVALID_AGENCY_ID', 'Name the agency by id.', 'agencyId');
    if (agencyId !== viewer.agencyId && !viewer.roles.includes('TOP_ADMIN')) throw new ForbiddenError('You reconcile your own agency’s register only.');
    const manager = await scope.manager(cityId);
    // A top admin may name any agency — of their own city only (UNKNOWN_AGENCY, nothing written).
    if (agencyId !== viewer.agencyId) await requireAgencyOfCity(manager, cityId, agencyId);
    const runId = randomUUID();
    await reconcileMonth((sql, params) => manager.query(sql, params), { runId, cityId, agencyId, month, createdBy: viewer.accountId, createdAt: now });
    return (await this.findRun(manager, cityId, runId))!;
  }

  private async findRun(manager: EntityManager, cityId: string, id: string): Promise<RunRow | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows = await manager.query(`SELECT *, to_char(month, 'YYYY-MM') AS month FROM query_log.reconciliation_run WHERE city_id = $1 AND id = $2`, [cityId, id]);
    return rows[0] ? mapRun(rows[0]) : null;
  }

  async findVisibleRun(scope: RequestScope, cityId: string, viewer: AccountPrincipal, id: string): Promise<RunRow | null> {
    if (!viewer.roles.some((role) => (READ_ROLES as readonly string[]).includes(role))) throw new ForbiddenError('Only admins and auditors read reconciliations.', { requiredRoles: READ_ROLES });
    const run = await this.findRun(await scope.manager(cityId), cityId, id);
    if (!run || (run.agencyId !== viewer.agencyId && !viewer.roles.includes('TOP_ADMIN'))) return null;
    return run;
  }

  async listRuns(scope: RequestScope, cityId: string, viewer: AccountPrincipal, filter: { month?: string | null; agencyId?: string | null }, first: number, now: Date): Promise<RunRow[]> {
    if (!viewer.roles.some((role) => (READ_ROLES as readonly string[]).includes(role))) throw new ForbiddenError('Only admins and auditors read reconciliations.', { requiredRoles: READ_ROLES });
    checkPageSize(first, 100);
    const month = filter.month ? parseMonth(filter.month, now) : null;
    const agencyId = viewer.roles.includes('TOP_ADMIN') ? (filter.agencyId ?? null) : viewer.agencyId;
    const rows = await (await scope.manager(cityId)).query(
      // The output's `month` (YYYY-MM text) shadows the column's name: order by the table's own date column.
      `SELECT run.*, to_char(run.month, 'YYYY-MM') AS month FROM query_log.reconciliation_run run
        WHERE run.city_id = $1 AND ($2::uuid IS NULL OR run.agency_id = $2) AND ($3::date IS NULL OR run.month = $3) ORDER BY run.month DESC, run.created_at DESC LIMIT $4`,
      [cityId, agencyId, month, first],
    );
    return rows.map(mapRun);
  }

  async groups(scope: RequestScope, cityId: string, runId: string): Promise<GroupRow[]> {
    const rows = await (await scope.manager(cityId)).query(
      `SELECT * FROM query_log.reconciliation_group WHERE city_id = $1 AND run_id = $2 ORDER BY unit_id NULLS LAST, account_id NULLS LAST, user_account`,
      [cityId, runId],
    );
    return rows.map((row: Record<string, any>) => ({
      unitId: row.unit_id,
      accountId: row.account_id,
      userAccount: row.user_account,
      registerCount: row.register_count,
      bureauCount: row.bureau_count,
      matchedCount: row.matched_count,
      bureauOnlyCount: row.bureau_only_count,
      registerOnlyCount: row.register_only_count,
    }));
  }

  async signOffs(scope: RequestScope, cityId: string, runId: string): Promise<SignOffRow[]> {
    const rows = await (await scope.manager(cityId)).query(`SELECT * FROM query_log.reconciliation_signoff WHERE city_id = $1 AND run_id = $2 ORDER BY signed_at`, [cityId, runId]);
    return rows.map((row: Record<string, any>) => ({ id: row.id, unitId: row.unit_id, signedBy: row.signed_by, signedAt: row.signed_at, note: row.note }));
  }

  /**
   * One of the run's three lists, oldest first, optionally one unit's or official's. Bureau-only and
   * register-only items are stored with the run; matched items are the month's register entries (as
   * they were when the run was made) that are not register-only.
   */
  async items(scope: RequestScope, cityId: string, run: RunRow, filter: { kind: ItemKind; unitId?: string | null; accountId?: string | null }, page: PageRequest): Promise<{ nodes: ItemRow[]; hasNextPage: boolean; endCursor: string | null }> {
    checkPageSize(page.first);
    const offset = page.after ? Number(decodeCursor(page.after, ['integer'])[0]) : 0;
    for (const [field, value] of [['unitId', filter.unitId], ['accountId', filter.accountId]] as const) {
      if (value && !/^[0-9a-f-]{36}$/i.test(value)) throw new InputError('INVALID_ID', `Filter by a ${field === 'unitId' ? 'unit' : 'account'} id.`, field);
    }
    const manager = await scope.manager(cityId);
    let rows: Array<Record<string, any>>;
    if (filter.kind === 'MATCHED') {
      rows = await manager.query(
        `SELECT 'MATCHED' AS kind, r.unit_id, r.account_id, NULL AS user_account, r.id AS register_record_id, NULL AS bureau_record_id,
                split_part(r.item_key, ':', 1) AS service, split_part(r.item_key, ':', 2) AS item_code, r.subject_masked, r.queried_at, NULL AS bureau_queried_at
           FROM query_log.query_record r
          WHERE r.city_id = $1 AND r.agency_id = $2 AND r.queried_at >= $3 AND r.queried_at < $4 AND r.recorded_at <= $5
            AND ($6::uuid IS NULL OR r.unit_id = $6) AND ($7::uuid IS NULL OR r.account_id = $7)
            AND NOT EXISTS (SELECT 1 FROM query_log.reconciliation_item i WHERE i.city_id = $1 AND i.run_id = $8 AND i.kind = 'REGISTER_ONLY' AND i.register_record_id = r.id)
          ORDER BY r.queried_at, r.id LIMIT $9 OFFSET $10`,
        [cityId, run.agencyId, monthStart(`${run.month}-01`), monthStart(`${run.month}-01`, 1), run.createdAt, filter.unitId ?? null, filter.accountId ?? null, run.id, page.first + 1, offset],
      );
    } else {
      rows = await manager.query(
        `SELECT * FROM query_log.reconciliation_item WHERE city_id = $1 AND run_id = $2 AND kind = $3 AND ($4::uuid IS NULL OR unit_id = $4) AND ($5::uuid IS NULL OR account_id = $5)
          ORDER BY queried_at, register_record_id, bureau_record_id LIMIT $6 OFFSET $7`,
        [cityId, run.id, filter.kind, filter.unitId ?? null, filter.accountId ?? null, page.first + 1, offset],
      );
    }
    const nodes = rows.slice(0, page.first).map((row) => ({
      kind: row.kind,
      unitId: row.unit_id,
      accountId: row.account_id,
      userAccount: row.user_account,
      registerRecordId: row.register_record_id,
      bureauRecordId: row.bureau_record_id,
      service: row.service,
      itemCode: row.item_code,
      subjectMasked: row.subject_masked,
      queriedAt: row.queried_at,
      bureauQueriedAt: row.bureau_queried_at,
    }));
    const hasNextPage = rows.length > page.first;
    return { nodes, hasNextPage, endCursor: hasNextPage ? encodeCursor([offset + page.first]) : null };
  }

  /**
   * The unit admin signs off their unit's result (an agency admin: the records of no unit, e.g. unknown
   * user names). Differences must be explained in the note.
   */
  async signOff(scope: RequestScope, cityId: string, viewer: AccountPrincipal, facts: () => Promise<CallerFacts>, input: { runId: string; unitId: string | null; note: string | null }, now: Date): Promise<SignOffRow> {
    const note = input.note?.trim() || null;
    if (note && note.length > 1000) throw new InputError('INVALID_NOTE', 'The note may be at most 1000 characters.', 'note');
    if (input.unitId) {
      if (!viewer.roles.includes('UNIT_ADMIN')) throw new ForbiddenError('The unit admin signs off the unit’s reconciliation.', { requiredRoles: ['UNIT_ADMIN'] });
      if ((await facts()).unitId !== input.unitId) throw new ForbiddenError('You sign off your own unit’s reconciliation only.');
    } else if (!viewer.roles.includes('AGENCY_ADMIN')) {
      throw new ForbiddenError('The agency admin signs off the records of no unit.', { requiredRoles: ['AGENCY_ADMIN'] });
    }
    const manager = await scope.manager(cityId);
    const run = await this.findRun(manager, cityId, input.runId);
    if (!run || run.agencyId !== viewer.agencyId) throw new NotFoundError('The reconciliation');
    const [group] = await manager.query(
      `SELECT coalesce(sum(bureau_only_count + register_only_count), 0)::int AS differences, count(*)::int AS groups
         FROM query_log.reconciliation_group WHERE city_id = $1 AND run_id = $2 AND unit_id IS NOT DISTINCT FROM $3`,
      [cityId, run.id, input.unitId],
    );
    if (group.differences > 0 && !note) {
      throw new InputError('EXPLANATION_REQUIRED', `${group.differences} records differ between the register and the bureau’s records: explain them in the note before signing off.`, 'note');
    }
    const id = randomUUID();
    try {
      await manager.query(
        `INSERT INTO query_log.reconciliation_signoff (id, city_id, run_id, unit_id, signed_by, signed_at, note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, cityId, run.id, input.unitId, viewer.accountId, now, note],
      );
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new DomainError('ALREADY_SIGNED_OFF', 'This reconciliation was already signed off for that unit.');
      throw error;
    }
    return { id, unitId: input.unitId, signedBy: viewer.accountId, signedAt: now, note };
  }

  /**
   * The reconciliation duties of the city's rules falling due between two dates, as tasks: DONE when
   * every month of the duty's period has a signed-off run (for a unit admin: by their unit), OVERDUE
   * once the due date (e.g. the 10th, Taoyuan 4(五)3) has passed without, else OPEN.
   */
  async tasks(scope: RequestScope, cityId: string, viewer: AccountPrincipal, facts: () => Promise<CallerFacts>, range: { from: string; to: string }, now: Date) {
    if (!viewer.roles.some((role) => (READ_ROLES as readonly string[]).includes(role))) throw new ForbiddenError('Only admins and auditors see reconciliation tasks.', { requiredRoles: READ_ROLES });
    for (const [field, value] of Object.entries(range)) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InputError('INVALID_DATE', 'Dates are YYYY-MM-DD.', field);
    }
    if (range.from > range.to) throw new InputError('INVALID_PERIOD', '`from` must not be after `to`.', 'from');
    const entries: CalendarEntry[] = rules
      .profilesFor(cityId)
      .flatMap((profile) => obligationCalendar(cityId, profile.service, range.from, range.to))
      .filter((entry) => (RECONCILIATION_KINDS as readonly string[]).includes(entry.kind));
    const unitId = viewer.roles.includes('UNIT_ADMIN') && !viewer.roles.includes('AGENCY_ADMIN') ? (await facts()).unitId : null;
    const manager = await scope.manager(cityId);
    // Months with a signed-off latest run for the viewer's agency (and unit, for a unit admin).
    const signed: Array<{ month: string }> = await manager.query(
      `SELECT to_char(r.month, 'YYYY-MM') AS month FROM (
         SELECT DISTINCT ON (month) id, month FROM query_log.reconciliation_run WHERE city_id = $1 AND agency_id = $2 ORDER BY month, created_at DESC) r
        WHERE EXISTS (SELECT 1 FROM query_log.reconciliation_signoff s WHERE s.city_id = $1 AND s.run_id = r.id AND ($3::uuid IS NULL OR s.unit_id = $3))`,
      [cityId, viewer.agencyId, unitId],
    );
    const done = new Set(signed.map((row) => row.month));
    const today = toTaiwanDate(now);
    return entries.map((entry) => {
      const months: string[] = [];
      for (let month = entry.periodStart.slice(0, 7); month <= entry.periodEnd.slice(0, 7); ) {
        months.push(month);
        const [year, index] = month.split('-').map(Number) as [number, number];
        month = index === 12 ? `${year + 1}-01` : `${year}-${String(index + 1).padStart(2, '0')}`;
      }
      const complete = months.every((month) => done.has(month));
      return { ...entry, status: complete ? 'DONE' : today > entry.dueDate ? 'OVERDUE' : 'OPEN' };
    });
  }
}
