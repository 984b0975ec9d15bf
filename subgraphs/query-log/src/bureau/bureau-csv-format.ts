import { itemCatalogue, SERVICE_IDS } from '@custos/rules';
import { validateBusinessNumber } from '../identifiers/business-number';
import { validateNationalId } from '../identifiers/national-id';
import { guessSubjectKind, maskSubject, type Subject, type SubjectHasher } from '../identifiers/subject';

/** The bureau records CSV format (docs/bureau-records-csv.md): these columns, a header line first. */
export const BUREAU_COLUMNS = ['record_id', 'queried_at', 'user_account', 'service', 'item_code', 'subject_id'] as const;
export type BureauColumn = (typeof BUREAU_COLUMNS)[number];

export interface RowProblem {
  line: number;
  field: BureauColumn | null;
  message: string;
}

const RECORD_ID = /^[A-Za-z0-9._:\/-]{1,64}$/;
const USER_ACCOUNT = /^[\p{L}\p{N}._@-]{1,64}$/u;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})?$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Per import: user names already checked, and subjects already hashed (a bureau file repeats them a lot). */
export interface RowContext {
  cityId: string;
  hasher: SubjectHasher;
  now: Date;
  seenUsers?: Set<string>;
  subjectCache?: Map<string, { kind: string; hash: string; masked: string }>;
}

/** The subject cache holds at most this many IDs (in memory, for one import). */
const SUBJECT_CACHE_LIMIT = 200_000;
const CODES = new Map<string, Set<string>>(SERVICE_IDS.map((service) => [service, new Set(itemCatalogue(service).map((item) => item.code))]));

/**
 * Reads the header: every column named once, in any order; returns each column's position.
 */
export function readHeader(fields: string[], line: number): { positions: number[] } | { problem: RowProblem } {
  const names = fields.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(BUREAU_COLUMNS as readonly string[]).includes(name));
  const missing = BUREAU_COLUMNS.filter((column) => !names.includes(column));
  if (unknown.length || missing.length || names.length !== BUREAU_COLUMNS.length) {
    const parts = [missing.length ? `missing ${missing.join(', ')}` : '', unknown.length ? `unknown ${unknown.join(', ')}` : ''].filter(Boolean);
    return { problem: { line, field: null, message: `The header must name the columns ${BUREAU_COLUMNS.join(', ')}${parts.length ? ` (${parts.join('; ')})` : ' once each'}.` } };
  }
  return { positions: BUREAU_COLUMNS.map((column) => names.indexOf(column)) };
}

/** `YYYY-MM-DD HH:MM:SS` (Taiwan time, as the bureau's pages show it) or ISO 8601 with an offset → a timestamptz literal. */
export function parseQueriedAt(text: string): { literal: string; epochMs: number } | null {
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = +y!, month = +mo!, day = +d!, hour = +h!, minute = +mi!, second = +s!;
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]! || hour > 23 || minute > 59 || second > 59) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  let offsetMinutes = 8 * 60;
  if (zone === 'Z') offsetMinutes = 0;
  else if (zone) offsetMinutes = (zone[0] === '-' ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
  const epochMs = Date.UTC(year, month - 1, day, hour, minute, second, fraction ? Math.floor(+`0${fraction}` * 1000) : 0) - offsetMinutes * 60_000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const literal = `${y}-${mo}-${d} ${h}:${mi}:${s}${fraction ?? ''}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return { literal, epochMs };
}

/** Taiwan local time of `at` as `YYYY-MM-DD HH:MM:SS`, to compare with the file's times as text. */
export function taiwanClock(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

const PLAIN_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * Validates one data row and returns its line for COPY (text format: tab-separated; validated fields
 * hold no tab, newline or backslash, so nothing needs escaping), or the problem, naming line and
 * field. Full IDs are hashed here, in this process, so they never reach the database, not even its
 * staging table. Written for speed (no per-row closures or intermediate objects): it runs per row of
 * files with millions of rows.
 */
export function stageRow(fields: string[], positions: number[], line: number, context: RowContext & { latestAllowed: string }): string | RowProblem {
  if (fields.length !== BUREAU_COLUMNS.length) return { line, field: null, message: `Line ${line} has ${fields.length} fields; the format has ${BUREAU_COLUMNS.length}.` };
  const recordId = fields[positions[0]!]!.trim();
  if (!RECORD_ID.test(recordId)) return { line, field: 'record_id', message: `Line ${line}, record_id: 1–64 letters, digits or . _ : / - (got "${recordId.slice(0, 70)}").` };
  const time = fields[positions[1]!]!.trim();
  let literal: string;
  if (PLAIN_TIME.test(time) && plainTimeValid(time)) {
    if (time > context.latestAllowed) return { line, field: 'queried_at', message: `Line ${line}, queried_at: ${time} is in the future.` };
    literal = `${time}+08`;
  } else {
    const parsed = parseQueriedAt(time);
    if (!parsed) return { line, field: 'queried_at', message: `Line ${line}, queried_at: expected YYYY-MM-DD HH:MM:SS (Taiwan time) or ISO 8601 with an offset (got "${time.slice(0, 40)}").` };
    if (parsed.epochMs > context.now.getTime() + 86_400_000) return { line, field: 'queried_at', message: `Line ${line}, queried_at: ${time} is in the future.` };
    literal = parsed.literal;
  }
  const userAccount = fields[positions[2]!]!.trim();
  if (!context.seenUsers?.has(userAccount)) {
    if (!USER_ACCOUNT.test(userAccount)) return { line, field: 'user_account', message: `Line ${line}, user_account: 1–64 letters, digits or . _ @ - (got "${userAccount.slice(0, 70)}").` };
    context.seenUsers?.add(userAccount);
  }
  const service = fields[positions[3]!]!.trim();
  const codes = CODES.get(service);
  if (!codes) return { line, field: 'service', message: `Line ${line}, service: ${SERVICE_IDS.join(' or ')} (got "${service.slice(0, 40)}").` };
  const itemCode = fields[positions[4]!]!.trim().toUpperCase();
  if (!codes.has(itemCode)) return { line, field: 'item_code', message: `Line ${line}, item_code: "${itemCode.slice(0, 20)}" is not an item of ${service}.` };
  const raw = fields[positions[5]!]!.trim();
  let hashed = context.subjectCache?.get(raw);
  if (!hashed) {
    let subject: Subject;
    if (guessSubjectKind(raw) === 'NATIONAL_ID') {
      const result = validateNationalId(raw, context.now);
      if (!result.valid) return { line, field: 'subject_id', message: `Line ${line}, subject_id: ${result.message} (${result.reason})` };
      subject = { kind: 'NATIONAL_ID', value: result.value };
    } else {
      const result = validateBusinessNumber(raw);
      if (!result.valid) return { line, field: 'subject_id', message: `Line ${line}, subject_id: ${result.message} (${result.reason})` };
      subject = { kind: 'BUSINESS_NUMBER', value: result.value };
    }
    hashed = { kind: subject.kind, hash: context.hasher.hash(context.cityId, subject), masked: maskSubject(subject) };
    if (context.subjectCache && context.subjectCache.size < SUBJECT_CACHE_LIMIT) context.subjectCache.set(raw, hashed);
  }
  return `${line}\t${recordId}\t${literal}\t${userAccount}\t${service}\t${itemCode}\t${hashed.kind}\t${hashed.hash}\t${hashed.masked}\n`;
}

/** Range checks of a `YYYY-MM-DD HH:MM:SS` text by character codes (no allocation). */
function digit(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

function plainTimeValid(text: string): boolean {
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const month = digit(text, 5) * 10 + digit(text, 6);
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1]!) return false;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return false;
  return digit(text, 11) * 10 + digit(text, 12) < 24 && digit(text, 14) * 10 + digit(text, 15) < 60 && digit(text, 17) * 10 + digit(text, 18) < 60;
}
