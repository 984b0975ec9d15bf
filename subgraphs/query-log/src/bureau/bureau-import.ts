import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SubjectHasher } from '../identifiers/subject';
import type { DirectoryAccount } from '../platform/platform-gateway';
import { readHeader, stageRow, taiwanClock, type RowProblem } from './bureau-csv-format';
import { CsvRecordReader, CsvSyntaxError } from './csv-records';

/** A file is rejected whole; at most this many problems are listed (the first ones, by line). */
export const MAX_REPORTED_PROBLEMS = 100;
/** Progress is reported at least every this many rows. */
const PROGRESS_EVERY_ROWS = 20_000;
/** COPY text is sent in chunks of about this size. */
const COPY_CHUNK_CHARS = 256 * 1024;

export class BureauImportRejected extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(problems.map((problem) => problem.message).join(' '));
  }
}

export interface ImportProgress {
  phase: 'READING' | 'INSERTING' | 'CHECKING';
  bytesRead: number;
  rowsRead: number;
}

export interface ImportOutcome {
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsUnknownAccount: number;
  sha256: string;
  bytesRead: number;
}

export interface ImportOptions {
  cityId: string;
  /** The importing agency: rows whose user name is not in the directory are counted against it. */
  agencyId: string;
  jobId: string;
  hasher: SubjectHasher;
  /** User names → accounts (the bureau's user_account is the official's username). */
  directory: DirectoryAccount[];
  now: Date;
  onProgress?(progress: ImportProgress): void;
}

/**
 * Imports a bureau records CSV into `query_log.bureau_record`, streaming: the file is read, checked
 * row by row (every problem named by line and field) and COPYed into a temporary staging table, then
 * inserted in one set-based statement that skips records already imported (same bureau record id),
 * so importing the same file twice adds nothing. A record id seen before with different content, or
 * any malformed row, rejects the whole file. Runs in the caller's transaction (city already set); on
 * rejection the caller rolls back, so nothing of a rejected file is written.
 */
export async function importBureauRecords(client: pg.ClientBase, source: AsyncIterable<Buffer | string>, options: ImportOptions): Promise<ImportOutcome> {
  await client.query(`CREATE TEMP TABLE bureau_staging (
      line integer NOT NULL, record_id text NOT NULL, queried_at timestamptz NOT NULL, user_account text NOT NULL, service text NOT NULL,
      item_code text NOT NULL, subject_kind text NOT NULL, subject_hash text NOT NULL, subject_masked text NOT NULL) ON COMMIT DROP`);
  await client.query(`CREATE TEMP TABLE bureau_directory (username text PRIMARY KEY, account_id uuid NOT NULL, agency_id uuid NOT NULL, unit_id uuid) ON COMMIT DROP`);
  if (options.directory.length) {
    const byName = new Map(options.directory.map((account) => [account.username.toLowerCase(), account]));
    const accounts = [...byName.entries()];
    await client.query(`INSERT INTO pg_temp.bureau_directory SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[])`, [
      accounts.map(([name]) => name),
      accounts.map(([, account]) => account.id),
      accounts.map(([, account]) => account.agencyId),
      accounts.map(([, account]) => account.unitId),
    ]);
  }

  const digest = createHash('sha256');
  const problems: RowProblem[] = [];
  let bytesRead = 0;
  let rowsRead = 0;

  async function* copyText(): AsyncGenerator<string> {
    const reader = new CsvRecordReader();
    const decoder = new StringDecoder('utf8');
    let positions: number[] | null = null;
    let out = '';
    let nextProgress = PROGRESS_EVERY_ROWS;
    // The subject cache holds clear IDs in this process's memory for the length of one import only.
    const context = {
      cityId: options.cityId,
      hasher: options.hasher,
      now: options.now,
      latestAllowed: taiwanClock(new Date(options.now.getTime() + 86_400_000)),
      seenUsers: new Set<string>(),
      subjectCache: new Map(),
    };
    const take = (records: ReturnType<CsvRecordReader['feed']>) => {
      for (const record of records) {
        if (!positions) {
          const header = readHeader(record.fields, record.line);
          if ('problem' in header) {
            problems.push(header.problem);
            throw new BureauImportRejected(problems);
          }
          positions = header.positions;
          continue;
        }
        rowsRead++;
        const row = stageRow(record.fields, positions, record.line, context);
        if (typeof row !== 'string') {
          problems.push(row);
          if (problems.length >= MAX_REPORTED_PROBLEMS) throw new BureauImportRejected(problems);
          continue;
        }
        if (!problems.length) out += row;
      }
    };
    try {
      for await (const chunk of source) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        digest.update(bytes);
        bytesRead += bytes.length;
        take(reader.feed(decoder.write(bytes)));
        if (out.length >= COPY_CHUNK_CHARS) {
          yield out;
          out = '';
        }
        if (rowsRead >= nextProgress) {
          options.onProgress?.({ phase: 'READING', bytesRead, rowsRead });
          nextProgress = rowsRead + PROGRESS_EVERY_ROWS;
        }
      }
      take(reader.feed(decoder.end()));
      take(reader.end());
    } catch (error) {
      if (error instanceof CsvSyntaxError) {
        problems.push({ line: error.line, field: null, message: error.message });
        throw new BureauImportRejected(problems);
      }
      throw error;
    }
    if (!positions) throw new BureauImportRejected([{ line: 1, field: null, message: 'The file is empty: it needs a header line and at least one record.' }]);
    if (problems.length) throw new BureauImportRejected(problems);
    if (rowsRead === 0) throw new BureauImportRejected([{ line: 2, field: null, message: 'The file has a header but no records.' }]);
    if (out) yield out;
    options.onProgress?.({ phase: 'READING', bytesRead, rowsRead });
  }

  const copy = client.query(
    copyFrom('COPY pg_temp.bureau_staging (line, record_id, queried_at, user_account, service, item_code, subject_kind, subject_hash, subject_masked) FROM STDIN'),
  );
  await pipeline(Readable.from(copyText(), { objectMode: false }), copy);

  options.onProgress?.({ phase: 'INSERTING', bytesRead, rowsRead });
  const insert = (conflictClause: string, filter: string) =>
    client.query<{ inserted: number; unknown: number }>(
      `WITH inserted AS (
         INSERT INTO query_log.bureau_record (city_id, service, record_id, agency_id, account_id, unit_id, user_account, queried_at, item_code, subject_kind, subject_hash, subject_masked, import_job_id)
         SELECT $1, s.service, s.record_id, coalesce(d.agency_id, $2::uuid), d.account_id, d.unit_id, s.user_account, s.queried_at, s.item_code, s.subject_kind, s.subject_hash, s.subject_masked, $3::uuid
           FROM pg_temp.bureau_staging s LEFT JOIN pg_temp.bureau_directory d ON d.username = lower(s.user_account)
          ${filter}
         ${conflictClause}
         RETURNING account_id)
       SELECT count(*)::int AS inserted, count(*) FILTER (WHERE account_id IS NULL)::int AS unknown FROM inserted`,
      [options.cityId, options.agencyId, options.jobId],
    );
  // Fast path: a plain insert of the records not imported before (anti-join, no per-row speculative
  // insertion). A file that repeats a record id within itself fails it on the primary key; then the
  // slower ON CONFLICT DO NOTHING path keeps the first of each.
  let inserted;
  await client.query('SAVEPOINT bureau_fast_insert');
  try {
    inserted = await insert('', `WHERE NOT EXISTS (SELECT 1 FROM query_log.bureau_record b WHERE b.city_id = $1 AND b.service = s.service AND b.record_id = s.record_id)`);
    await client.query('RELEASE SAVEPOINT bureau_fast_insert');
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error;
    await client.query('ROLLBACK TO SAVEPOINT bureau_fast_insert');
    inserted = await insert('ON CONFLICT (city_id, service, record_id) DO NOTHING', '');
  }
  const rowsInserted = inserted.rows[0]!.inserted;

  if (rowsInserted < rowsRead) {
    // Some records were there already (or twice in the file): the same record id must mean the same query.
    options.onProgress?.({ phase: 'CHECKING', bytesRead, rowsRead });
    const conflicts = await client.query<{ line: number; record_id: string }>(
      `SELECT s.line, s.record_id FROM pg_temp.bureau_staging s
         JOIN query_log.bureau_record b ON b.city_id = $1 AND b.service = s.service AND b.record_id = s.record_id
        WHERE (b.queried_at, lower(b.user_account), b.item_code, b.subject_hash) IS DISTINCT FROM (s.queried_at, lower(s.user_account), s.item_code, s.subject_hash)
        ORDER BY s.line LIMIT $2`,
      [options.cityId, MAX_REPORTED_PROBLEMS],
    );
    if (conflicts.rows.length) {
      throw new BureauImportRejected(
        conflicts.rows.map((row) => ({
          line: row.line,
          field: 'record_id',
          message: `Line ${row.line}, record_id: record ${row.record_id} was already imported (or appears earlier in this file) with different content.`,
        })),
      );
    }
  }
  return { rowsRead, rowsInserted, rowsDuplicate: rowsRead - rowsInserted, rowsUnknownAccount: inserted.rows[0]!.unknown, sha256: digest.digest('hex'), bytesRead };
}
