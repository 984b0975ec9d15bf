import type { AccountPrincipal } from '@custos/auth';
import { ForbiddenError, InputError } from '@custos/federation';
import type { RequestScope } from '@custos/tenancy';
import type { SelectQueryBuilder } from 'typeorm';
import { parseSubject, type SubjectHasher } from '../identifiers/subject';
import type { CallerFacts } from '../platform/platform-gateway';
import { QueryRecordEntity } from '../records/query-record.entity';
import { checkPageSize, decodeCursor, encodeCursor, toPage, type Page, type PageRequest } from '../shared/pagination';
import type { RegisterFilterInput, RegisterScope } from './register.input';

/** The most rows one CSV export returns; narrow the period for more. */
export const MAX_CSV_ROWS = 50_000;

const CSV_COLUMNS: Array<[string, (record: QueryRecordEntity) => string | null]> = [
  ['sequence', (r) => String(r.sequence)],
  ['queried_at', (r) => r.queriedAt.toISOString()],
  ['recorded_at', (r) => r.recordedAt.toISOString()],
  ['account_id', (r) => r.accountId],
  ['agency_id', (r) => r.agencyId],
  ['unit_id', (r) => r.unitId],
  ['case_number', (r) => r.caseNumber],
  ['purpose', (r) => r.purpose],
  ['item_key', (r) => r.itemKey],
  ['subject_masked', (r) => r.subjectMasked],
  ['legal_basis', (r) => r.legalBasis],
  ['consent_document', (r) => r.consentDocument],
  ['proxy_for_account_id', (r) => r.proxyForAccountId],
  ['proxy_document_number', (r) => r.proxyDocumentNumber],
  ['request_id', (r) => r.requestId],
  ['record_hash', (r) => r.recordHash],
];

/** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with ' (CSV injection). */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The query register as each role may see it (Taipei 6(一), Taoyuan 4(五)3): a user their own, a unit
 * admin their unit's, an agency admin their agency's — always within the caller's city (and RLS).
 */
export class RegisterService {
  constructor(private readonly hasher: SubjectHasher) {}

  private async query(scope: RequestScope, cityId: string, viewer: AccountPrincipal, facts: () => Promise<CallerFacts>, registerScope: RegisterScope, filter: RegisterFilterInput, now: Date) {
    // Validate every filter before touching the database.
    if (filter.from && filter.to && filter.from.getTime() > filter.to.getTime()) throw new InputError('INVALID_PERIOD', '`from` must not be after `to`.', 'filter.from');
    if (filter.accountId && !/^[0-9a-f-]{36}$/i.test(filter.accountId)) throw new InputError('INVALID_ACCOUNT_ID', 'Filter by an account id.', 'filter.accountId');
    let subjectHash: string | null = null;
    if (filter.subject) {
      if (!filter.subjectKind) throw new InputError('SUBJECT_KIND_REQUIRED', 'Say whether the subject is a national ID or a business number.', 'filter.subjectKind');
      subjectHash = this.hasher.hash(cityId, parseSubject(filter.subjectKind, filter.subject, 'filter.subject', now));
    }
    let unitId: string | null = null;
    if (registerScope === 'UNIT') {
      if (!viewer.roles.includes('UNIT_ADMIN')) throw new ForbiddenError('Only a unit admin sees the unit’s register.', { requiredRoles: ['UNIT_ADMIN'] });
      unitId = (await facts()).unitId;
      if (!unitId) throw new ForbiddenError('Your account belongs to no unit.');
    }
    if (registerScope === 'AGENCY' && !viewer.roles.includes('AGENCY_ADMIN')) {
      throw new ForbiddenError('Only an agency admin sees the agency’s register.', { requiredRoles: ['AGENCY_ADMIN'] });
    }

    const manager = await scope.manager(cityId);
    const query = manager.getRepository(QueryRecordEntity).createQueryBuilder('record').where('record.city_id = :cityId', { cityId });
    if (registerScope === 'OWN') query.andWhere('record.account_id = :self', { self: viewer.accountId });
    if (registerScope === 'UNIT') query.andWhere('record.agency_id = :agencyId AND record.unit_id = :unitId', { agencyId: viewer.agencyId, unitId });
    if (registerScope === 'AGENCY') query.andWhere('record.agency_id = :agencyId', { agencyId: viewer.agencyId });
    if (filter.from) query.andWhere('record.queried_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('record.queried_at < :to', { to: filter.to });
    if (filter.accountId) query.andWhere('record.account_id = :accountId', { accountId: filter.accountId });
    if (filter.itemKey) query.andWhere('record.item_key = :itemKey', { itemKey: filter.itemKey.trim() });
    if (filter.caseNumber) query.andWhere('record.case_number = :caseNumber', { caseNumber: filter.caseNumber.trim() });
    if (subjectHash) query.andWhere('record.subject_hash = :subjectHash', { subjectHash });
    return query;
  }

  async list(
    scope: RequestScope,
    cityId: string,
    viewer: AccountPrincipal,
    facts: () => Promise<CallerFacts>,
    registerScope: RegisterScope,
    filter: RegisterFilterInput,
    page: PageRequest,
    now: Date,
  ): Promise<Page<QueryRecordEntity>> {
    checkPageSize(page.first);
    const cursor = page.after ? decodeCursor(page.after) : null;
    const query: SelectQueryBuilder<QueryRecordEntity> = await this.query(scope, cityId, viewer, facts, registerScope, filter, now);
    const totalCount = await query.clone().getCount();
    if (cursor) query.andWhere('(record.queried_at, record.id) < (:cursorAt, :cursorId)', { cursorAt: cursor[0], cursorId: cursor[1] });
    const rows = await query.orderBy('record.queried_at', 'DESC').addOrderBy('record.id', 'DESC').limit(page.first + 1).getMany();
    return toPage(rows, page.first, totalCount, (row) => encodeCursor(row.queriedAt, row.id));
  }

  /** The same register as CSV (UTF-8 with BOM so spreadsheet programs read the Chinese text), oldest first. */
  async csv(scope: RequestScope, cityId: string, viewer: AccountPrincipal, facts: () => Promise<CallerFacts>, registerScope: RegisterScope, filter: RegisterFilterInput, now: Date) {
    const query = await this.query(scope, cityId, viewer, facts, registerScope, filter, now);
    const rows = await query.orderBy('record.queried_at', 'ASC').addOrderBy('record.id', 'ASC').limit(MAX_CSV_ROWS + 1).getMany();
    if (rows.length > MAX_CSV_ROWS) throw new InputError('EXPORT_TOO_LARGE', `More than ${MAX_CSV_ROWS} records match; export a shorter period.`, 'filter.from');
    const lines = [CSV_COLUMNS.map(([name]) => name).join(','), ...rows.map((row) => CSV_COLUMNS.map(([, value]) => csvCell(value(row))).join(','))];
    return { rowCount: rows.length, csv: `\uFEFF${lines.join('\r\n')}\r\n` };
  }
}
