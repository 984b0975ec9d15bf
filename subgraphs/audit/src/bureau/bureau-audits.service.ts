import { DomainError, ForbiddenError, InputError, decodeCursor, encodeCursor } from '@custos/federation';
import { cityInfo, isCityId, rules, type IsoDate, type ServiceId } from '@custos/rules';
import { logCrossCityAccess, requireAgencyOfCity, rowsPerCity, type CrossCityAccess, type RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditState } from '../audits/audit-review.type';
import type { DrawMethodId } from '../audits/draw-method';
import { SAMPLE_CRITERIA, signoffChain } from '../audits/review-rules';
import { versionOrNull } from '../shared/city-rules';
import { addDays, daysBetween } from '../shared/dates';
import { taskState } from '../tasks/compliance-task.service';
import type { TaskState } from '../tasks/compliance-task.type';

export const AUDIT_SCHEMA = 'audit';
const MAX_PAGE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The obligation id of the task a bureau's audit request opens in the city. */
export const BUREAU_AUDIT_REQUEST_OBLIGATION = 'bureau-audit-request';

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface PageRequest {
  first: number;
  after?: string | null;
}

function checkPage(page: PageRequest): void {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE) throw new InputError('INVALID_PAGE_SIZE', `Ask for between 1 and ${MAX_PAGE} at a time.`, 'first');
}

function toPage<T>(rows: T[], first: number, totalCount: number, cursorOf: (row: T) => Array<string | Date>): Page<T> {
  const nodes = rows.slice(0, first);
  const last = nodes[nodes.length - 1];
  return { nodes, totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: last === undefined ? null : encodeCursor(cursorOf(last)) } };
}

export interface BureauAuditRow {
  id: string;
  cityId: string;
  service: string;
  ruleVersionId: string;
  /** False when the rule profiles do not know the audit's version (then its chain and checklist are unknown). */
  ruleVersionKnown: boolean;
  method: 'sample' | 'full-review';
  samplingCitation: string;
  periodStart: string;
  periodEnd: string;
  agencyId: string | null;
  unitId: string | null;
  populationCount: number;
  populationHash: string;
  drawMethod: DrawMethodId;
  seed: string;
  sampleSize: number;
  drawnAt: Date;
  state: AuditState;
  judgedRecords: number;
  checklistAnswered: number;
  signatures: number;
  recommendations: string | null;
}

export interface BureauAuditQuery {
  periodFrom?: IsoDate | null;
  periodTo?: IsoDate | null;
  states?: AuditState[] | null;
  /** One audit only (bureauAudit): the same read, narrowed by id. */
  id?: string | null;
}

export interface BureauFindingRow {
  id: string;
  cityId: string;
  service: string;
  ruleId: string;
  severity: string;
  status: string;
  agencyId: string | null;
  windowStart: Date;
  windowEnd: Date;
  recordCount: number;
  recordIds: string[];
  summary: string;
  ruleVersionId: string;
  citation: string;
  detectedAt: Date;
}

export interface BureauFindingQuery {
  from?: IsoDate | null;
  to?: IsoDate | null;
  severities?: string[] | null;
  statuses?: string[] | null;
  ruleId?: string | null;
}

export interface BureauSampleRow {
  cityId: string;
  position: number;
  queryRecordId: string;
  queriedAt: Date;
  agencyId: string;
  unitId: string | null;
  itemKey: string;
  nonconforming: number;
}

export interface AuditRequestInput {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  agencyId?: string | null;
  reason: string;
  dueOn?: IsoDate | null;
}

export interface BureauAuditRequestRow {
  id: string;
  cityId: string;
  service: string;
  requestedBy: string;
  requestedByAgencyId: string;
  periodStart: string;
  periodEnd: string;
  agencyId: string | null;
  reason: string;
  dueOn: string;
  requestedAt: Date;
  taskId: string | null;
  taskState: TaskState | null;
  completedAt: Date | null;
  completionNote: string | null;
}

/**
 * Issue 9: what a central agency sees of the cities' audit work, and its one kind of write here
 * (asking a city to audit). Every read runs in the request's cross-city transaction
 * (`app.city_ids` + `app.service`), where row-level security admits only the listed cities' rows
 * of the bureau's service; every read is logged in `audit.cross_city_read` in the same transaction.
 * The WHERE clauses only filter.
 */
export class BureauAuditService {
  async audits(scope: RequestScope, access: CrossCityAccess, query: BureauAuditQuery, page: PageRequest, operation: string, now: Date): Promise<Page<BureauAuditRow>> {
    checkPage(page);
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    // The sign-off chain's length and the checklist's size come from each audit's rule version.
    const versions = access.cityIds.flatMap((cityId) =>
      isCityId(cityId)
        ? rules.versions(cityId, access.service).map((version) => ({ city_id: cityId, version_id: version.id, steps: signoffChain(version).length, items: version.audits.checklist.value.items.length }))
        : [],
    );
    const params: unknown[] = [access.cityIds, JSON.stringify(versions), SAMPLE_CRITERIA.length];
    const where = ['a.city_id = ANY ($1::text[])'];
    if (query.periodFrom) where.push(`a.period_end >= $${params.push(query.periodFrom)}::date`);
    if (query.periodTo) where.push(`a.period_start <= $${params.push(query.periodTo)}::date`);
    if (query.id) where.push(`a.id = $${params.push(query.id)}::uuid`);
    const outer: string[] = [];
    if (query.states?.length) outer.push(`state = ANY ($${params.push(query.states)}::text[])`);
    const base = `WITH v AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS v(city_id text, version_id text, steps int, items int)),
      counted AS (
        SELECT a.*, v.version_id IS NOT NULL AS rule_version_known, coalesce(v.steps, 2147483647) AS steps, coalesce(v.items, 0) AS items,
               (SELECT count(*) FROM audit.audit_signoff s WHERE s.city_id = a.city_id AND s.audit_id = a.id)::int AS signatures,
               (SELECT count(*) FROM (SELECT j.position FROM audit.sample_judgment j WHERE j.city_id = a.city_id AND j.audit_id = a.id
                                       GROUP BY j.position HAVING count(*) = $3) judged)::int AS judged_records,
               (SELECT count(*) FROM audit.sample_judgment j WHERE j.city_id = a.city_id AND j.audit_id = a.id)::int AS judgments,
               (SELECT count(*) FROM audit.checklist_result c WHERE c.city_id = a.city_id AND c.audit_id = a.id)::int AS checklist_answered
          FROM audit.audit a LEFT JOIN v ON v.city_id = a.city_id AND v.version_id = a.rule_version_id
         WHERE ${where.join(' AND ')}),
      stated AS (
        SELECT counted.*, CASE
                 WHEN signatures >= steps THEN 'SIGNED_OFF'
                 WHEN signatures > 0 THEN 'SIGNING'
                 WHEN rule_version_known AND judged_records = sample_size AND checklist_answered = items THEN 'READY_FOR_SIGNOFF'
                 WHEN checklist_answered > 0 OR judgments > 0 THEN 'IN_REVIEW'
                 ELSE 'DRAWN' END AS state
          FROM counted)`;
    const filtered = outer.length ? ` WHERE ${outer.join(' AND ')}` : '';
    const [{ total }]: Array<{ total: number }> = await manager.query(`${base} SELECT count(*)::int AS total FROM stated${filtered}`, params);
    const pageParams = [...params];
    const pageWhere = [...outer];
    if (page.after) {
      const [periodStart, drawnAt, id] = decodeCursor(page.after, ['string', 'timestamp', 'uuid']);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(periodStart!)) throw new InputError('INVALID_CURSOR', 'The page cursor is not valid; start again from the first page.', 'after');
      const n = pageParams.push(periodStart, drawnAt, id);
      pageWhere.push(`(period_start, drawn_at, id) < ($${n - 2}::date, $${n - 1}::timestamptz, $${n}::uuid)`);
    }
    const raw: Array<Record<string, unknown>> = await manager.query(
      `${base} SELECT *, period_start::text AS period_start_text, period_end::text AS period_end_text FROM stated${pageWhere.length ? ` WHERE ${pageWhere.join(' AND ')}` : ''}
        ORDER BY period_start DESC, drawn_at DESC, id DESC LIMIT ${page.first + 1}`,
      pageParams,
    );
    const rows = raw.map(presentAuditRow);
    const result = toPage(rows, page.first, total, (row) => [row.periodStart, row.drawnAt, row.id]);
    await logCrossCityAccess(manager, AUDIT_SCHEMA, access, operation, rowsPerCity(result.nodes, (row) => row.cityId), now);
    return result;
  }

  /**
   * One audit by id in one city, through the same read as `audits` (same row-level security, same
   * read log): null when it is not there, not of the bureau's service or not the city's — an audit
   * outside the reach looks like one that does not exist.
   */
  async audit(scope: RequestScope, access: CrossCityAccess, id: string, operation: string, now: Date): Promise<BureauAuditRow | null> {
    if (!UUID.test(id)) throw new InputError('INVALID_ID', 'The audit id is not valid.', 'id');
    const page = await this.audits(scope, access, { id }, { first: 1 }, operation, now);
    return page.nodes[0] ?? null;
  }

  /** A page of one audit's sample (the audit itself must be visible: the bureau's cities and service). */
  async sample(scope: RequestScope, access: CrossCityAccess, auditId: string, page: { afterPosition?: number | null; first: number }, operation: string, now: Date): Promise<BureauSampleRow[]> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > 500) throw new InputError('INVALID_PAGE_SIZE', 'Ask for between 1 and 500 records at a time.', 'first');
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    const raw: Array<Record<string, unknown>> = await manager.query(
      `SELECT s.city_id, s.position, s.query_record_id, s.queried_at, s.agency_id::text, s.unit_id::text, s.item_key,
              (SELECT count(*) FROM audit.sample_judgment j WHERE j.city_id = s.city_id AND j.audit_id = s.audit_id AND j.position = s.position AND j.result = 'nonconforming')::int AS nonconforming
         FROM audit.audit_sample s
        WHERE s.city_id = ANY ($1::text[]) AND s.audit_id = $2 AND s.position > $3
        ORDER BY s.position LIMIT $4`,
      [access.cityIds, auditId, page.afterPosition ?? 0, page.first],
    );
    const rows = raw.map((row) => ({
      cityId: row.city_id as string,
      position: Number(row.position),
      queryRecordId: row.query_record_id as string,
      queriedAt: new Date(row.queried_at as string),
      agencyId: row.agency_id as string,
      unitId: (row.unit_id as string | null) ?? null,
      itemKey: row.item_key as string,
      nonconforming: Number(row.nonconforming),
    }));
    await logCrossCityAccess(manager, AUDIT_SCHEMA, access, operation, rowsPerCity(rows, (row) => row.cityId), now);
    return rows;
  }

  async findings(scope: RequestScope, access: CrossCityAccess, query: BureauFindingQuery, page: PageRequest, operation: string, now: Date): Promise<Page<BureauFindingRow>> {
    checkPage(page);
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    const params: unknown[] = [access.cityIds];
    const where = ['f.city_id = ANY ($1::text[])'];
    if (query.from) where.push(`f.window_end >= $${params.push(new Date(`${query.from}T00:00:00+08:00`))}`);
    if (query.to) where.push(`f.window_start < $${params.push(new Date(new Date(`${query.to}T00:00:00+08:00`).getTime() + 86_400_000))}`);
    if (query.severities?.length) where.push(`f.severity = ANY ($${params.push(query.severities)}::text[])`);
    if (query.statuses?.length) where.push(`f.status = ANY ($${params.push(query.statuses)}::text[])`);
    if (query.ruleId) where.push(`f.rule_id = $${params.push(query.ruleId)}`);
    const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM audit.finding f WHERE ${where.join(' AND ')}`, params);
    const pageParams = [...params];
    const pageWhere = [...where];
    if (page.after) {
      const [at, id] = decodeCursor(page.after, ['timestamp', 'uuid']);
      const n = pageParams.push(at, id);
      pageWhere.push(`(f.detected_at, f.id) < ($${n - 1}::timestamptz, $${n}::uuid)`);
    }
    const raw: Array<Record<string, unknown>> = await manager.query(
      `SELECT f.id, f.city_id, f.service, f.rule_id, f.severity, f.status, f.agency_id::text, f.window_start, f.window_end, f.record_count,
              f.record_ids::text[] AS record_ids, f.summary, f.rule_version_id, f.citation, f.detected_at
         FROM audit.finding f WHERE ${pageWhere.join(' AND ')}
        ORDER BY f.detected_at DESC, f.id DESC LIMIT ${page.first + 1}`,
      pageParams,
    );
    const rows = raw.map((row) => ({
      id: row.id as string,
      cityId: row.city_id as string,
      service: row.service as string,
      ruleId: row.rule_id as string,
      severity: row.severity as string,
      status: row.status as string,
      agencyId: (row.agency_id as string | null) ?? null,
      windowStart: new Date(row.window_start as string),
      windowEnd: new Date(row.window_end as string),
      recordCount: Number(row.record_count),
      recordIds: row.record_ids as string[],
      summary: row.summary as string,
      ruleVersionId: row.rule_version_id as string,
      citation: row.citation as string,
      detectedAt: new Date(row.detected_at as string),
    }));
    const result = toPage(rows, page.first, total, (row) => [row.detectedAt, row.id]);
    await logCrossCityAccess(manager, AUDIT_SCHEMA, access, operation, rowsPerCity(result.nodes, (row) => row.cityId), now);
    return result;
  }

  /**
   * The bureau asks one city to audit a period (and an agency) for the bureau's service: the request
   * and the city's compliance task for its auditors (owner role AUDITOR, due on `dueOn`), in the
   * request's cross-city transaction, whose policies admit exactly these two inserts.
   */
  async requestAudit(scope: RequestScope, access: CrossCityAccess, input: AuditRequestInput, today: IsoDate, now: Date): Promise<BureauAuditRequestRow> {
    const cityId = access.cityIds[0]!;
    if (access.cityIds.length !== 1) throw new InputError('ONE_CITY', 'Ask one city at a time.', 'cityId');
    const service = access.service as ServiceId;
    if (!isCityId(cityId) || !rules.profile(cityId, service)) {
      throw new ForbiddenError(`${isCityId(cityId) ? cityInfo(cityId).citationName : cityId} does not use ${service} through Custos: there is nothing of your service to audit there.`);
    }
    if (input.periodEnd < input.periodStart) throw new InputError('INVALID_RANGE', `The period ends (${input.periodEnd}) before it starts (${input.periodStart}).`, 'periodEnd');
    if (daysBetween(input.periodStart, input.periodEnd) > 731) throw new InputError('INVALID_RANGE', 'Ask for at most two years at a time.', 'periodEnd');
    if (input.periodStart > today) throw new InputError('INVALID_RANGE', 'The period has not started yet.', 'periodStart');
    if (input.agencyId && !UUID.test(input.agencyId)) throw new InputError('INVALID_ID', 'The agency id is not valid.', 'agencyId');
    const reason = input.reason.trim();
    if (reason.length === 0 || reason.length > 2000) throw new InputError('REASON_REQUIRED', 'Say why the bureau asks, in 1 to 2000 characters.', 'reason');
    const dueOn = input.dueOn ?? addDays(today, 30);
    if (dueOn < today) throw new InputError('INVALID_DATE', 'The due date has passed.', 'dueOn');
    // The city's own rules say the bureau may audit it (外部稽核); the rules in force at the period's end.
    const version = versionOrNull(cityId, service, input.periodEnd);
    if (!version) throw new DomainError('NO_RULES_IN_FORCE', `${cityInfo(cityId).citationName} had no ${service} rules in force on ${input.periodEnd}.`);
    const external = version.audits.externalAuditors;
    if (!external.value.includes('bureau')) throw new ForbiddenError(`${cityInfo(cityId).citationName}'s rules do not provide for audits by the bureau (${external.citation}).`);

    const manager = await scope.crossCityManager(access.cityIds, access.service);
    // The agency asked about must be one of the city's (identity's directory, in this transaction; the
    // session's one city only), or UNKNOWN_AGENCY before anything is written.
    if (input.agencyId) await requireAgencyOfCity(manager, cityId, input.agencyId, 'agencyId', cityInfo(cityId).citationName);
    const id = randomUUID();
    const taskId = randomUUID();
    await manager.query(
      `INSERT INTO audit.bureau_audit_request (id, city_id, service, requester_city_id, requested_by, requested_by_agency_id, period_start, period_end, agency_id, reason, due_on, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, cityId, service, access.reader.cityId, access.reader.accountId, access.reader.agencyId, input.periodStart, input.periodEnd, input.agencyId ?? null, reason, dueOn, now],
    );
    const bureau = version.roles.BUREAU_OFFICER?.value.titleZh ?? service;
    await manager.query(
      `INSERT INTO audit.compliance_task (id, city_id, obligation_id, kind, cadence, title, citation, owner_role, service, rule_version_id, period_start, period_end, due_on, bureau_request_id)
       VALUES ($1, $2, $3, $3, 'event', $4, $5, 'AUDITOR', $6, $7, $8, $9, $10, $11)`,
      [
        taskId,
        cityId,
        BUREAU_AUDIT_REQUEST_OBLIGATION,
        `${bureau}請求稽核 ${input.periodStart}～${input.periodEnd}${input.agencyId ? '（指定機關）' : ''}：${reason}`.slice(0, 500),
        external.citation,
        service,
        version.id,
        input.periodStart,
        input.periodEnd,
        dueOn,
        id,
      ],
    );
    return (await this.requestRows(manager, [cityId], { first: 1 }, id, today)).nodes[0]!;
  }

  /** The bureau's requests to its cities (a cross-city read, logged). */
  async requests(scope: RequestScope, access: CrossCityAccess, page: PageRequest, operation: string, today: IsoDate, now: Date): Promise<Page<BureauAuditRequestRow>> {
    checkPage(page);
    const manager = await scope.crossCityManager(access.cityIds, access.service);
    const result = await this.requestRows(manager, access.cityIds, page, null, today);
    await logCrossCityAccess(manager, AUDIT_SCHEMA, access, operation, rowsPerCity(result.nodes, (row) => row.cityId), now);
    return result;
  }

  /** One request, for the city's own side (the manager is confined to the city). */
  async requestOf(manager: EntityManager, cityId: string, id: string, today: IsoDate): Promise<BureauAuditRequestRow | null> {
    return (await this.requestRows(manager, [cityId], { first: 1 }, id, today)).nodes[0] ?? null;
  }

  private async requestRows(manager: EntityManager, cityIds: string[], page: PageRequest, onlyId: string | null, today: IsoDate): Promise<Page<BureauAuditRequestRow>> {
    const params: unknown[] = [cityIds];
    const where = ['r.city_id = ANY ($1::text[])'];
    if (onlyId) where.push(`r.id = $${params.push(onlyId)}`);
    const [{ total }]: Array<{ total: number }> = await manager.query(`SELECT count(*)::int AS total FROM audit.bureau_audit_request r WHERE ${where.join(' AND ')}`, params);
    if (page.after) {
      const [at, id] = decodeCursor(page.after, ['timestamp', 'uuid']);
      const n = params.push(at, id);
      where.push(`(r.requested_at, r.id) < ($${n - 1}::timestamptz, $${n}::uuid)`);
    }
    const raw: Array<Record<string, unknown>> = await manager.query(
      `SELECT r.*, r.period_start::text AS period_start_text, r.period_end::text AS period_end_text, r.due_on::text AS due_on_text,
              t.id AS task_id, t.due_on::text AS task_due_on, t.completed_at, t.completion_note
         FROM audit.bureau_audit_request r
         LEFT JOIN audit.compliance_task t ON t.city_id = r.city_id AND t.bureau_request_id = r.id
        WHERE ${where.join(' AND ')}
        ORDER BY r.requested_at DESC, r.id DESC LIMIT ${page.first + 1}`,
      params,
    );
    const rows: BureauAuditRequestRow[] = raw.map((row) => ({
      id: row.id as string,
      cityId: row.city_id as string,
      service: row.service as string,
      requestedBy: row.requested_by as string,
      requestedByAgencyId: row.requested_by_agency_id as string,
      periodStart: row.period_start_text as string,
      periodEnd: row.period_end_text as string,
      agencyId: (row.agency_id as string | null) ?? null,
      reason: row.reason as string,
      dueOn: row.due_on_text as string,
      requestedAt: new Date(row.requested_at as string),
      taskId: (row.task_id as string | null) ?? null,
      taskState: row.task_id ? taskState({ completedAt: row.completed_at ? new Date(row.completed_at as string) : null, dueOn: row.task_due_on as string }, today) : null,
      completedAt: row.completed_at ? new Date(row.completed_at as string) : null,
      completionNote: (row.completion_note as string | null) ?? null,
    }));
    return toPage(rows, page.first, total, (row) => [row.requestedAt, row.id]);
  }
}

function presentAuditRow(row: Record<string, unknown>): BureauAuditRow {
  return {
    id: row.id as string,
    cityId: row.city_id as string,
    service: row.service as string,
    ruleVersionId: row.rule_version_id as string,
    ruleVersionKnown: row.rule_version_known as boolean,
    method: row.method as 'sample' | 'full-review',
    samplingCitation: row.sampling_citation as string,
    periodStart: row.period_start_text as string,
    periodEnd: row.period_end_text as string,
    agencyId: (row.agency_id as string | null) ?? null,
    unitId: (row.unit_id as string | null) ?? null,
    populationCount: Number(row.population_count),
    populationHash: row.population_hash as string,
    drawMethod: row.draw_method as DrawMethodId,
    seed: row.seed as string,
    sampleSize: Number(row.sample_size),
    drawnAt: new Date(row.drawn_at as string),
    state: row.state as AuditState,
    judgedRecords: Number(row.judged_records),
    checklistAnswered: Number(row.checklist_answered),
    signatures: Number(row.signatures),
    recommendations: (row.recommendations as string | null) ?? null,
  };
}
