import type { EntityManager } from 'typeorm';
import type { RowProblem } from './bureau-csv-format';

export type ImportStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

export interface BureauImportJob {
  id: string;
  cityId: string;
  agencyId: string;
  startedBy: string;
  fileName: string;
  fileSha256: string | null;
  totalBytes: number | null;
  status: ImportStatus;
  phase: string;
  bytesRead: number;
  rowsRead: number;
  rowsInserted: number;
  rowsDuplicate: number;
  rowsUnknownAccount: number;
  errors: Array<Omit<RowProblem, 'line'> & { line: number | null }>;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

/** A job silent this long while queued or running was cut off (the process stopped): shown as failed. */
export const STALE_AFTER_MS = 10 * 60_000;

export function mapJob(row: Record<string, any>): BureauImportJob {
  return {
    id: row.id,
    cityId: row.city_id,
    agencyId: row.agency_id,
    startedBy: row.started_by,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    totalBytes: row.total_bytes === null ? null : Number(row.total_bytes),
    status: row.status,
    phase: row.phase,
    bytesRead: Number(row.bytes_read),
    rowsRead: row.rows_read,
    rowsInserted: row.rows_inserted,
    rowsDuplicate: row.rows_duplicate,
    rowsUnknownAccount: row.rows_unknown_account,
    errors: row.errors ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** How a job looks now: one cut off by a stopped process is reported as failed, saying so. */
export function currentView(job: BureauImportJob, now: Date): BureauImportJob {
  if ((job.status === 'QUEUED' || job.status === 'RUNNING') && now.getTime() - job.updatedAt.getTime() > STALE_AFTER_MS) {
    return { ...job, status: 'FAILED', errors: [{ line: null, field: null, message: 'The import was interrupted (the service stopped); nothing of it was kept. Import the file again.' }] };
  }
  return job;
}

export async function insertJob(manager: EntityManager, job: Pick<BureauImportJob, 'id' | 'cityId' | 'agencyId' | 'startedBy' | 'fileName' | 'totalBytes'>, now: Date): Promise<BureauImportJob> {
  const rows = await manager.query(
    `INSERT INTO query_log.bureau_import_job (id, city_id, agency_id, started_by, file_name, total_bytes, status, phase, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'QUEUED', 'QUEUED', $7, $7) RETURNING *`,
    [job.id, job.cityId, job.agencyId, job.startedBy, job.fileName, job.totalBytes, now],
  );
  return mapJob(rows[0]);
}

export async function updateJob(manager: EntityManager, cityId: string, id: string, fields: Partial<Omit<BureauImportJob, 'id' | 'cityId'>>): Promise<void> {
  const columns: Record<string, string> = {
    status: 'status', phase: 'phase', bytesRead: 'bytes_read', rowsRead: 'rows_read', rowsInserted: 'rows_inserted', rowsDuplicate: 'rows_duplicate',
    rowsUnknownAccount: 'rows_unknown_account', errors: 'errors', finishedAt: 'finished_at', fileSha256: 'file_sha256',
  };
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [cityId, id];
  for (const [key, value] of Object.entries(fields)) {
    const column = columns[key];
    if (!column) continue;
    values.push(key === 'errors' ? JSON.stringify(value) : value);
    sets.push(`${column} = $${values.length}`);
  }
  await manager.query(`UPDATE query_log.bureau_import_job SET ${sets.join(', ')} WHERE city_id = $1 AND id = $2`, values);
}

export async function findJob(manager: EntityManager, cityId: string, id: string): Promise<BureauImportJob | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const rows = await manager.query('SELECT * FROM query_log.bureau_import_job WHERE city_id = $1 AND id = $2', [cityId, id]);
  return rows[0] ? mapJob(rows[0]) : null;
}

export async function listJobs(manager: EntityManager, cityId: string, agencyId: string | null, limit: number): Promise<BureauImportJob[]> {
  const rows = await manager.query(
    'SELECT * FROM query_log.bureau_import_job WHERE city_id = $1 AND ($2::uuid IS NULL OR agency_id = $2) ORDER BY created_at DESC, id DESC LIMIT $3',
    [cityId, agencyId, limit],
  );
  return rows.map(mapJob);
}
