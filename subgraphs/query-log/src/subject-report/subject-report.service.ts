import type { AccountPrincipal } from '@custos/auth';
import { InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import { randomUUID } from 'node:crypto';
import { maskSubject, parseSubject, type SubjectHasher, type SubjectKind } from '../identifiers/subject';
import { QueryRecordEntity } from '../records/query-record.entity';
import type { DataSubjectReportType } from './subject-report.types';

/**
 * Issue 9, "who looked at my data": every recorded query of one subject in the officer's city,
 * found by the city's keyed subject hash (the ID itself is neither stored nor logged). The entries
 * name the agency and unit, never the official; producing the report is logged (who, when, which
 * request, how many rows) in the append-only subject_report table.
 */
export class SubjectReportService {
  constructor(private readonly hasher: SubjectHasher) {}

  async produce(
    scope: RequestScope,
    cityId: string,
    officer: AccountPrincipal,
    input: { subjectKind: SubjectKind; subject: string; requestReference: string },
    now: Date,
  ): Promise<DataSubjectReportType> {
    const reference = input.requestReference.trim();
    if (reference.length < 1 || reference.length > 100) throw new InputError('INVALID_REFERENCE', 'Give the citizen’s request reference (at most 100 characters).', 'requestReference');
    const subject = parseSubject(input.subjectKind, input.subject, 'subject', now);
    const subjectHash = this.hasher.hash(cityId, subject);
    const manager = await scope.manager(cityId);
    const records = await manager.getRepository(QueryRecordEntity).find({
      where: { cityId, subjectHash },
      order: { queriedAt: 'ASC', id: 'ASC' },
      select: { id: true, queriedAt: true, agencyId: true, unitId: true, itemKey: true, purpose: true, caseNumber: true, legalBasis: true },
    });
    const id = randomUUID();
    await manager.query(
      `INSERT INTO query_log.subject_report (id, city_id, produced_by, produced_by_agency_id, request_reference, record_count, produced_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, cityId, officer.accountId, officer.agencyId, reference, records.length, now],
    );
    return {
      id,
      cityId,
      requestReference: reference,
      producedAt: now,
      subjectMasked: maskSubject(subject),
      recordCount: records.length,
      entries: records.map((record) => ({
        queriedAt: record.queriedAt, agencyId: record.agencyId, unitId: record.unitId, itemKey: record.itemKey,
        purpose: record.purpose, caseNumber: record.caseNumber, legalBasis: record.legalBasis,
      })),
    };
  }
}
