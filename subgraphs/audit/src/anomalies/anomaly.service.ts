import type { AccountPrincipal } from '@custos/auth';
import { DomainError, ForbiddenError, InputError, NotFoundError } from '@custos/federation';
import { rules, type IsoDate } from '@custos/rules';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { versionById } from '../audits/review-rules';
import { cityService } from '../shared/city-rules';
import { daysBetween } from '../shared/dates';
import { ComplianceTaskEntity } from '../tasks/compliance-task.entity';
import type { ComplianceTaskService } from '../tasks/compliance-task.service';
import { ObligationEventKind } from '../tasks/compliance-task.type';
import { ANOMALY_RULES, versionSpans, type AnomalyRuleId, type RawFinding } from './anomaly-rules';
import { FindingEntity, InvestigationEntity, InvestigationNoteEntity } from './anomaly.entity';
import { investigators, mayInvestigate } from './anomaly.policy';
import { anomalyRuleOf } from './anomaly.type';

/** A scan covers at most a year at a time: bounded work per request or job step. */
const MAX_SCAN_DAYS = 366;
const MAX_TEXT = 4000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ScanResult {
  scanId: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  rules: AnomalyRuleId[];
  created: number;
  findings: FindingEntity[];
}

export interface FindingFilter {
  status?: string | null;
  ruleId?: string | null;
  from?: IsoDate | null;
  to?: IsoDate | null;
}

function text(value: string | null | undefined, field: string, required: boolean): string | null {
  const trimmed = value?.trim() ?? '';
  if (required && !trimmed) throw new InputError('TEXT_REQUIRED', 'Write something here.', field);
  if (trimmed.length > MAX_TEXT) throw new InputError('NOTE_TOO_LONG', `Keep it under ${MAX_TEXT} characters.`, field);
  return trimmed || null;
}

/**
 * Anomalies: the rules of anomaly-rules.ts run over a city's query register, their findings kept (one per
 * pattern, refreshed while open), and the investigation each finding opens with the team the city's rules
 * name — its notes, its outcome among the actions those rules allow, and the tasks the rules attach.
 */
export class AnomalyService {
  constructor(private readonly tasks: ComplianceTaskService) {}

  async scan(manager: EntityManager, cityId: string, scannedBy: string | null, from: IsoDate, to: IsoDate, now: Date): Promise<ScanResult> {
    if (to < from) throw new InputError('INVALID_RANGE', `The period ends (${to}) before it starts (${from}).`, 'to');
    if (daysBetween(from, to) >= MAX_SCAN_DAYS) throw new InputError('INVALID_RANGE', `Scan at most ${MAX_SCAN_DAYS} days at a time.`, 'to');
    const service = cityService(cityId);
    const found: RawFinding[] = [];
    const applied = new Set<AnomalyRuleId>();
    for (const span of versionSpans(cityId, service, from, to)) {
      for (const rule of ANOMALY_RULES.filter((r) => r.appliesUnder(span.version))) {
        applied.add(rule.id);
        found.push(...(await rule.scan(manager, span)));
      }
    }
    const scanId = randomUUID();
    const ruleIds = ANOMALY_RULES.map((r) => r.id).filter((id) => applied.has(id));
    await manager.query(`INSERT INTO audit.anomaly_scan (id, city_id, period_start, period_end, rules, scanned_by, scanned_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      scanId,
      cityId,
      from,
      to,
      ruleIds,
      scannedBy,
      now,
    ]);
    let created = 0;
    const ids: string[] = [];
    if (found.length) {
      const rows: Array<{ id: string; created: boolean }> = await manager.query(
        `INSERT INTO audit.finding (id, city_id, rule_id, severity, fingerprint, account_id, agency_id, subject_key, window_start, window_end, record_count,
                                    record_ids, summary, details, rule_version_id, citation, scan_id, detected_at, service)
         SELECT gen_random_uuid(), $1, f.rule_id, f.severity, f.fingerprint, f.account_id, f.agency_id, f.subject_key, f.window_start, f.window_end, f.record_count,
                f.record_ids, f.summary, f.details, f.rule_version_id, f.citation, $2, $3, $5
           FROM jsonb_to_recordset($4::jsonb) AS f(rule_id text, severity text, fingerprint text, account_id uuid, agency_id uuid, subject_key text,
                window_start timestamptz, window_end timestamptz, record_count int, record_ids uuid[], summary text, details jsonb, rule_version_id text, citation text)
         ON CONFLICT (city_id, fingerprint) DO UPDATE
            SET severity = excluded.severity, window_start = excluded.window_start, window_end = excluded.window_end, record_count = excluded.record_count,
                record_ids = excluded.record_ids, summary = excluded.summary, details = excluded.details, scan_id = excluded.scan_id
          WHERE audit.finding.status = 'open'
         RETURNING id, (xmax = 0) AS created`,
        [
          cityId,
          scanId,
          now,
          JSON.stringify(
            found.map((f) => ({
              rule_id: f.ruleId,
              severity: f.severity,
              fingerprint: f.fingerprint,
              account_id: f.accountId,
              agency_id: f.agencyId,
              subject_key: f.subjectKey,
              window_start: f.windowStart,
              window_end: f.windowEnd,
              record_count: f.recordCount,
              record_ids: f.recordIds,
              summary: f.summary,
              details: f.details,
              rule_version_id: f.ruleVersionId,
              citation: f.citation,
            })),
          ),
          // Issue 9: the service whose rules raised it (what a bureau officer's cross-city read matches).
          service,
        ],
      );
      created = rows.filter((r) => r.created).length;
      ids.push(...rows.map((r) => r.id));
    }
    const findings = ids.length
      ? await manager.getRepository(FindingEntity).createQueryBuilder('f').where('f.city_id = :cityId AND f.id = ANY(:ids)', { cityId, ids }).orderBy('f.window_start').addOrderBy('f.rule_id').getMany()
      : [];
    return { scanId, periodStart: from, periodEnd: to, rules: ruleIds, created, findings };
  }

  async findings(manager: EntityManager, cityId: string, filter: FindingFilter = {}): Promise<FindingEntity[]> {
    const query = manager.getRepository(FindingEntity).createQueryBuilder('f').where('f.city_id = :cityId', { cityId });
    if (filter.status) query.andWhere('f.status = :status', { status: filter.status });
    if (filter.ruleId) query.andWhere('f.rule_id = :ruleId', { ruleId: filter.ruleId });
    if (filter.from) query.andWhere('f.window_end >= :from', { from: new Date(`${filter.from}T00:00:00+08:00`) });
    if (filter.to) query.andWhere('f.window_start < :to', { to: new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000) });
    return query.orderBy('f.window_start', 'DESC').addOrderBy('f.rule_id').take(500).getMany();
  }

  async finding(manager: EntityManager, cityId: string, id: string): Promise<FindingEntity | null> {
    if (!UUID.test(id)) return null;
    return manager.getRepository(FindingEntity).findOne({ where: { cityId, id } });
  }

  async investigation(manager: EntityManager, cityId: string, id: string): Promise<InvestigationEntity | null> {
    if (!UUID.test(id)) return null;
    return manager.getRepository(InvestigationEntity).findOne({ where: { cityId, id } });
  }

  async investigationOf(manager: EntityManager, cityId: string, findingId: string): Promise<InvestigationEntity | null> {
    return manager.getRepository(InvestigationEntity).findOne({ where: { cityId, findingId } });
  }

  async notes(manager: EntityManager, cityId: string, investigationId: string): Promise<InvestigationNoteEntity[]> {
    return manager.getRepository(InvestigationNoteEntity).find({ where: { cityId, investigationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async eventTasks(manager: EntityManager, cityId: string, eventId: string | null): Promise<ComplianceTaskEntity[]> {
    if (!eventId) return [];
    return manager.getRepository(ComplianceTaskEntity).find({ where: { cityId, eventId }, order: { dueOn: 'ASC', obligationId: 'ASC' } });
  }

  /**
   * Opens the joint investigation of a finding with the team the rules of the finding's date name, and
   * records the anomaly as an event so the obligations the rules in force attach to it become tasks.
   */
  async open(manager: EntityManager, cityId: string, viewer: AccountPrincipal, findingId: string, now: Date, today: IsoDate): Promise<InvestigationEntity> {
    const finding = await manager
      .getRepository(FindingEntity)
      .createQueryBuilder('f')
      .where('f.city_id = :cityId AND f.id = :findingId', { cityId, findingId: UUID.test(findingId) ? findingId : null })
      .setLock('pessimistic_write')
      .getOne();
    if (!finding) throw new NotFoundError('The finding');
    // finding_rule_id_known checks every update, so a finding kept from before it cannot change status.
    if (!anomalyRuleOf(finding.ruleId)) {
      throw new DomainError('UNKNOWN_ANOMALY_RULE', `The platform does not know the rule "${finding.ruleId}" that raised this finding; it is kept as evidence but cannot be investigated here.`, {
        ruleId: finding.ruleId,
      });
    }
    const version = versionById(cityId, cityService(cityId), finding.ruleVersionId);
    if (!mayInvestigate(viewer, version)) {
      const roles = investigators(version);
      throw new ForbiddenError(`The investigation team is ${roles.join(', ')} (${version.audits.anomalyTeam.citation}).`, { requiredRoles: roles });
    }
    const existing = await this.investigationOf(manager, cityId, finding.id);
    if (existing) throw new DomainError('INVESTIGATION_EXISTS', 'This finding is already under investigation.', { investigationId: existing.id });
    let eventId: string | null = null;
    if (rules.at(cityId, cityService(cityId), today).inForce) {
      const event = await this.tasks.recordEvent(manager, cityId, { kind: ObligationEventKind.ANOMALY_FOUND, occurredOn: today, note: finding.summary, recordedBy: viewer.accountId }, today);
      eventId = event.id;
    }
    const investigation: InvestigationEntity = {
      id: randomUUID(),
      cityId,
      findingId: finding.id,
      teamRoles: version.audits.anomalyTeam.value.members,
      teamCitation: version.audits.anomalyTeam.citation,
      ruleVersionId: version.id,
      eventId,
      openedBy: viewer.accountId,
      openedAt: now,
      outcome: null,
      actions: [],
      outcomeSummary: null,
      closedBy: null,
      closedAt: null,
    };
    await manager.getRepository(InvestigationEntity).insert(investigation);
    await manager.getRepository(FindingEntity).update({ cityId, id: finding.id }, { status: 'investigating' });
    return investigation;
  }

  private async requireOpenInvestigation(manager: EntityManager, cityId: string, viewer: AccountPrincipal, investigationId: string) {
    const investigation = await manager
      .getRepository(InvestigationEntity)
      .createQueryBuilder('i')
      .where('i.city_id = :cityId AND i.id = :id', { cityId, id: UUID.test(investigationId) ? investigationId : null })
      .setLock('pessimistic_write')
      .getOne();
    if (!investigation) throw new NotFoundError('The investigation');
    const version = versionById(cityId, cityService(cityId), investigation.ruleVersionId);
    if (!mayInvestigate(viewer, version)) {
      const roles = investigators(version);
      throw new ForbiddenError(`Only the investigation team (${roles.join(', ')}) may do this.`, { requiredRoles: roles });
    }
    if (investigation.closedAt) throw new DomainError('INVESTIGATION_CLOSED', 'This investigation is closed.');
    return { investigation, version };
  }

  async addNote(manager: EntityManager, cityId: string, viewer: AccountPrincipal, investigationId: string, body: string, now: Date): Promise<InvestigationNoteEntity> {
    const content = text(body, 'body', true)!;
    const { investigation } = await this.requireOpenInvestigation(manager, cityId, viewer, investigationId);
    const note: InvestigationNoteEntity = { id: randomUUID(), cityId, investigationId: investigation.id, authorId: viewer.accountId, authorRoles: viewer.roles, body: content, createdAt: now };
    await manager.getRepository(InvestigationNoteEntity).insert(note);
    return note;
  }

  /** Closes the investigation with its outcome; the actions must be ones the city's rules name. */
  async close(
    manager: EntityManager,
    cityId: string,
    viewer: AccountPrincipal,
    input: { investigationId: string; outcome: string; actions: string[]; summary: string },
    now: Date,
  ): Promise<InvestigationEntity> {
    const summary = text(input.summary, 'summary', true)!;
    const { investigation, version } = await this.requireOpenInvestigation(manager, cityId, viewer, input.investigationId);
    const allowed = version.audits.anomalyActions;
    const actions = [...new Set(input.actions)];
    const foreign = actions.filter((a) => !(allowed.value as string[]).includes(a));
    if (foreign.length) {
      throw new InputError('ACTION_NOT_IN_RULES', `The city's rules (${allowed.citation}) provide for ${allowed.value.join(', ')}; not ${foreign.join(', ')}.`, 'actions');
    }
    if (input.outcome === 'misuse-confirmed' && actions.length === 0) {
      throw new InputError('ACTION_REQUIRED', `Confirmed misuse needs at least one of the actions the rules provide for (${allowed.value.join(', ')}).`, 'actions');
    }
    const closed = { outcome: input.outcome, actions, outcomeSummary: summary, closedBy: viewer.accountId, closedAt: now };
    await manager.getRepository(InvestigationEntity).update({ cityId, id: investigation.id }, closed);
    await manager.getRepository(FindingEntity).update({ cityId, id: investigation.findingId }, { status: 'closed' });
    return { ...investigation, ...closed };
  }
}
