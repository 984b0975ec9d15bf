import { DomainError, InputError, NotFoundError } from '@custos/federation';
import { toTaiwanDate, type IsoDate, type RecordKind } from '@custos/rules';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { cityService } from '../shared/city-rules';
import { AuditRecordType, type DestructionLogEntryType, type KeptRecordType } from './destruction.type';
import { retentionFor } from './retention-rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the rules call each of this subgraph's records, in order of preference. */
const RECORD_KINDS: Record<AuditRecordType, readonly RecordKind[]> = {
  [AuditRecordType.AUDIT]: ['audit-record'],
  // Changhua 8(二) keeps the joint audit's 稽核報告 as an audit report; elsewhere the investigation is an audit record (Tainan 附件四).
  [AuditRecordType.INVESTIGATION]: ['audit-report', 'audit-record'],
  [AuditRecordType.FINDING]: ['audit-record'],
};

interface Candidate {
  recordType: AuditRecordType;
  recordId: string;
  /** When its retention starts: the last signature, the closing of the investigation, the detection. */
  recordAt: Date | null;
  summary: Record<string, unknown>;
  /** For an investigation: its finding, destroyed with it. */
  findingId?: string;
  /** The rule version the record applied. */
  ruleVersionId: string | null;
}

export interface DestructionRun {
  dryRun: boolean;
  destroyed: DestructionLogEntryType[];
  kept: KeptRecordType[];
}

/**
 * Destroys the audit subgraph's own records once the retention period the city's rules set has passed,
 * writing first what it destroys, when and under which rule. A trigger in the database refuses any
 * deletion the log does not document with a period already over (migration 1795600000005).
 */
export class DestructionService {
  private async candidates(manager: EntityManager, cityId: string, only?: { recordType: AuditRecordType; recordId: string }): Promise<Candidate[]> {
    const want = (type: AuditRecordType) => !only || only.recordType === type;
    const id = only?.recordId ?? null;
    const result: Candidate[] = [];
    if (want(AuditRecordType.AUDIT)) {
      const audits: Array<Record<string, any>> = await manager.query(
        `SELECT a.id, a.service, a.rule_version_id, a.period_start::text, a.period_end::text, a.method, a.population_count, a.population_hash, a.sample_size, a.drawn_at,
                (SELECT max(s.signed_at) FROM audit.audit_signoff s WHERE s.city_id = a.city_id AND s.audit_id = a.id) AS last_signed_at,
                (SELECT count(*)::int FROM audit.audit_signoff s WHERE s.city_id = a.city_id AND s.audit_id = a.id) AS signatures
           FROM audit.audit a WHERE a.city_id = $1 AND ($2::uuid IS NULL OR a.id = $2::uuid)`,
        [cityId, id],
      );
      for (const a of audits) {
        result.push({
          recordType: AuditRecordType.AUDIT,
          recordId: a.id,
          recordAt: a.last_signed_at ?? a.drawn_at,
          ruleVersionId: a.rule_version_id,
          summary: {
            period: `${a.period_start}..${a.period_end}`,
            method: a.method,
            populationCount: a.population_count,
            populationHash: a.population_hash,
            sampleSize: a.sample_size,
            signatures: a.signatures,
          },
        });
      }
    }
    if (want(AuditRecordType.INVESTIGATION)) {
      const investigations: Array<Record<string, any>> = await manager.query(
        `SELECT i.id, i.finding_id, i.rule_version_id, i.closed_at, i.outcome, i.actions, f.rule_id, f.window_start, f.window_end,
                (SELECT count(*)::int FROM audit.investigation_note n WHERE n.city_id = i.city_id AND n.investigation_id = i.id) AS notes
           FROM audit.investigation i JOIN audit.finding f ON f.city_id = i.city_id AND f.id = i.finding_id
          WHERE i.city_id = $1 AND ($2::uuid IS NULL OR i.id = $2::uuid)`,
        [cityId, id],
      );
      for (const i of investigations) {
        result.push({
          recordType: AuditRecordType.INVESTIGATION,
          recordId: i.id,
          // An open investigation is still in use: its retention has not started.
          recordAt: i.closed_at,
          findingId: i.finding_id,
          ruleVersionId: i.rule_version_id,
          summary: { findingId: i.finding_id, rule: i.rule_id, window: [i.window_start, i.window_end], outcome: i.outcome, actions: i.actions, notes: i.notes },
        });
      }
    }
    if (want(AuditRecordType.FINDING)) {
      const findings: Array<Record<string, any>> = await manager.query(
        `SELECT f.id, f.rule_id, f.rule_version_id, f.detected_at, f.record_count, f.window_start, f.window_end FROM audit.finding f
          WHERE f.city_id = $1 AND ($2::uuid IS NULL OR f.id = $2::uuid)
            AND NOT EXISTS (SELECT 1 FROM audit.investigation i WHERE i.city_id = f.city_id AND i.finding_id = f.id)`,
        [cityId, id],
      );
      for (const f of findings) {
        result.push({
          recordType: AuditRecordType.FINDING,
          recordId: f.id,
          recordAt: f.detected_at,
          ruleVersionId: f.rule_version_id,
          summary: { rule: f.rule_id, records: f.record_count, window: [f.window_start, f.window_end] },
        });
      }
    }
    return result;
  }

  /** Whether a record may go now, and under which rule — or why it stays. */
  private decide(cityId: string, candidate: Candidate, today: IsoDate) {
    if (!candidate.recordAt) return { kept: 'still open: its retention period has not started' } as const;
    const recordDate = toTaiwanDate(candidate.recordAt);
    const decision = retentionFor(cityId, cityService(cityId), RECORD_KINDS[candidate.recordType], recordDate, today, candidate.ruleVersionId);
    if (!decision) return { kept: 'the city’s rules set no retention period for it: kept' } as const;
    if (decision.retainUntil >= today) return { kept: `kept until ${decision.retainUntil} (${decision.citation}, ${decision.minimumYears} years)`, decision, recordDate } as const;
    return { decision, recordDate } as const;
  }

  private async destroy(manager: EntityManager, cityId: string, candidate: Candidate, entry: DestructionLogEntryType): Promise<void> {
    const log = async (recordType: AuditRecordType, recordId: string, summary: Record<string, unknown>) =>
      manager.query(
        `INSERT INTO audit.destruction_log (id, city_id, record_type, record_id, record_kind, record_date, retain_until, rule_version_id, citation, minimum_years, summary, destroyed_at, destroyed_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
        [
          recordType === entry.recordType ? entry.id : randomUUID(),
          cityId,
          recordType,
          recordId,
          entry.recordKind,
          entry.recordDate,
          entry.retainUntil,
          entry.ruleVersionId,
          entry.citation,
          entry.minimumYears,
          JSON.stringify(summary),
          entry.destroyedAt,
          entry.destroyedBy,
        ],
      );
    const remove = (table: string, column: string, recordId: string) => manager.query(`DELETE FROM audit.${table} WHERE city_id = $1 AND ${column} = $2`, [cityId, recordId]);
    if (candidate.recordType === AuditRecordType.AUDIT) {
      await log(AuditRecordType.AUDIT, candidate.recordId, candidate.summary);
      for (const table of ['sample_judgment', 'checklist_result', 'audit_signoff', 'audit_sample']) await remove(table, 'audit_id', candidate.recordId);
      await remove('audit', 'id', candidate.recordId);
    } else if (candidate.recordType === AuditRecordType.INVESTIGATION) {
      await log(AuditRecordType.INVESTIGATION, candidate.recordId, candidate.summary);
      await log(AuditRecordType.FINDING, candidate.findingId!, { investigationId: candidate.recordId });
      await remove('investigation_note', 'investigation_id', candidate.recordId);
      await remove('investigation', 'id', candidate.recordId);
      await remove('finding', 'id', candidate.findingId!);
    } else {
      await log(AuditRecordType.FINDING, candidate.recordId, candidate.summary);
      await remove('finding', 'id', candidate.recordId);
    }
  }

  private entry(candidate: Candidate, decision: NonNullable<ReturnType<DestructionService['decide']>['decision']>, recordDate: IsoDate, now: Date, by: string | null): DestructionLogEntryType {
    return {
      id: randomUUID(),
      recordType: candidate.recordType,
      recordId: candidate.recordId,
      recordKind: decision.recordKind,
      recordDate,
      retainUntil: decision.retainUntil,
      ruleVersionId: decision.ruleVersionId,
      citation: decision.citation,
      minimumYears: decision.minimumYears,
      summary: JSON.stringify(candidate.summary),
      destroyedAt: now,
      destroyedBy: by,
    };
  }

  /** Destroys every record of the city whose retention has passed (or, in a dry run, lists them). */
  async destroyExpired(manager: EntityManager, cityId: string, by: string | null, options: { today: IsoDate; now: Date; dryRun: boolean }): Promise<DestructionRun> {
    const destroyed: DestructionLogEntryType[] = [];
    const kept: KeptRecordType[] = [];
    for (const candidate of await this.candidates(manager, cityId)) {
      const verdict = this.decide(cityId, candidate, options.today);
      if ('kept' in verdict && verdict.kept) {
        kept.push({ recordType: candidate.recordType, recordId: candidate.recordId, reason: verdict.kept, retainUntil: verdict.decision?.retainUntil ?? null });
        continue;
      }
      const entry = this.entry(candidate, verdict.decision!, verdict.recordDate!, options.now, by);
      if (!options.dryRun) await this.destroy(manager, cityId, candidate, entry);
      destroyed.push(entry);
    }
    return { dryRun: options.dryRun, destroyed, kept };
  }

  /** Destroys one record on request; refuses while its retention period lasts. */
  async destroyOne(manager: EntityManager, cityId: string, by: string, recordType: AuditRecordType, recordId: string, options: { today: IsoDate; now: Date }): Promise<DestructionLogEntryType> {
    if (!UUID.test(recordId)) throw new InputError('INVALID_ID', `"${recordId}" is not an id.`, 'id');
    const [candidate] = await this.candidates(manager, cityId, { recordType, recordId });
    if (!candidate) throw new NotFoundError('The record');
    const verdict = this.decide(cityId, candidate, options.today);
    if ('kept' in verdict && verdict.kept) {
      throw new DomainError('RETENTION_NOT_EXPIRED', `This record may not be destroyed yet: ${verdict.kept}.`, {
        retainUntil: verdict.decision?.retainUntil ?? null,
        citation: verdict.decision?.citation ?? null,
      });
    }
    const entry = this.entry(candidate, verdict.decision!, verdict.recordDate!, options.now, by);
    await this.destroy(manager, cityId, candidate, entry);
    return entry;
  }

  async log(manager: EntityManager, cityId: string): Promise<DestructionLogEntryType[]> {
    const rows: Array<Record<string, any>> = await manager.query(
      `SELECT id, record_type, record_id, record_kind, record_date::text, retain_until::text, rule_version_id, citation, minimum_years, summary, destroyed_at, destroyed_by
         FROM audit.destruction_log WHERE city_id = $1 ORDER BY destroyed_at DESC, record_type, record_id LIMIT 500`,
      [cityId],
    );
    return rows.map((r) => ({
      id: r.id,
      recordType: r.record_type,
      recordId: r.record_id,
      recordKind: r.record_kind,
      recordDate: r.record_date,
      retainUntil: r.retain_until,
      ruleVersionId: r.rule_version_id,
      citation: r.citation,
      minimumYears: r.minimum_years,
      summary: JSON.stringify(r.summary),
      destroyedAt: r.destroyed_at,
      destroyedBy: r.destroyed_by,
    }));
  }
}
