import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { SubjectHasher } from '../identifiers/subject';
import type { DirectoryAccount } from '../platform/platform-gateway';
import { BureauImportRejected, importBureauRecords, type ImportProgress } from './bureau-import';
import { updateJob, type BureauImportJob } from './bureau-import-job';

/** Progress is written to the job row at most this often. */
const PROGRESS_INTERVAL_MS = 300;

export interface QueuedImport {
  job: Pick<BureauImportJob, 'id' | 'cityId' | 'agencyId'>;
  source: () => AsyncIterable<Buffer | string>;
  directory: DirectoryAccount[];
}

/**
 * Runs imports one at a time, in the background of the request that started them (the console polls
 * the job row). Each import is one transaction on its own connection: all of the file or nothing.
 * Progress goes to the job row in separate short transactions, so it is visible while the import runs.
 */
export class BureauImportRunner {
  private queue: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: SubjectHasher,
  ) {}

  enqueue(item: QueuedImport): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('the service is stopping'));
    const run = this.queue.then(() => this.run(item));
    this.queue = run.catch(() => {});
    return run;
  }

  /** Resolves when every queued import has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.queue;
  }

  private inCity<T>(cityId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
      return work(manager);
    });
  }

  private async run({ job, source, directory }: QueuedImport): Promise<void> {
    const { id, cityId } = job;
    await this.inCity(cityId, (manager) => updateJob(manager, cityId, id, { status: 'RUNNING', phase: 'READING' }));
    let written = Promise.resolve();
    let lastWrite = 0;
    let latest: ImportProgress | null = null;
    const onProgress = (progress: ImportProgress) => {
      latest = progress;
      const now = Date.now();
      if (progress.phase === 'READING' && now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      written = written
        .then(() => this.inCity(cityId, (manager) => updateJob(manager, cityId, id, { phase: progress.phase, bytesRead: progress.bytesRead, rowsRead: progress.rowsRead })))
        .catch((error) => console.error('[query-log] import progress not saved', error));
    };

    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as pg.PoolClient;
    try {
      await client.query('BEGIN');
      await client.query(`select set_config('app.city_id', $1, true)`, [cityId]);
      const outcome = await importBureauRecords(client, source(), { cityId, agencyId: job.agencyId, jobId: id, hasher: this.hasher, directory, now: new Date(), onProgress });
      await client.query('COMMIT');
      await written;
      await this.inCity(cityId, (manager) =>
        updateJob(manager, cityId, id, {
          status: 'SUCCEEDED',
          phase: 'DONE',
          bytesRead: outcome.bytesRead,
          rowsRead: outcome.rowsRead,
          rowsInserted: outcome.rowsInserted,
          rowsDuplicate: outcome.rowsDuplicate,
          rowsUnknownAccount: outcome.rowsUnknownAccount,
          fileSha256: outcome.sha256,
          finishedAt: new Date(),
        }),
      );
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      await written;
      const rejected = error instanceof BureauImportRejected;
      if (!rejected) console.error('[query-log] bureau import failed', error);
      const progress = latest as ImportProgress | null;
      await this.inCity(cityId, (manager) =>
        updateJob(manager, cityId, id, {
          status: 'FAILED',
          phase: 'DONE',
          rowsInserted: 0,
          rowsRead: progress?.rowsRead ?? 0,
          bytesRead: progress?.bytesRead ?? 0,
          errors: rejected ? error.problems : [{ line: null, field: null, message: 'The import failed on our side; nothing of the file was kept. Try again.' }],
          finishedAt: new Date(),
        }),
      );
    } finally {
      await runner.release();
    }
  }
}
