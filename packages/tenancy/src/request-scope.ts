import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

const SET_SETTINGS = `select count(set_config(key, value, true)) from jsonb_each_text($1::jsonb)`;

/** Raised when one request tries to touch two cities: a request belongs to exactly one tenant. */
export class TenantScopeError extends Error {}

/**
 * One request, one transaction, one city. The first database access opens a transaction on a
 * dedicated connection and sets `app.city_id` with `set_config(..., true)` (transaction-local, so a
 * pooled connection never carries one request's city into the next). Row-level security policies
 * compare every row's city_id with that setting, under the application's own filters.
 */
export class RequestScope {
  private runner: QueryRunner | undefined;
  private cityId: string | undefined;
  private opening: Promise<EntityManager> | undefined;
  /** Transaction-local settings for the audit trail's triggers (who, from where, what); see mutationTrailPlugin. */
  private readonly settings: Record<string, string> = {};

  constructor(private readonly dataSource: DataSource) {}

  /** The request's transaction, confined to `cityId`. */
  manager(cityId: string): Promise<EntityManager> {
    if (this.cityId !== undefined && this.cityId !== cityId) {
      return Promise.reject(new TenantScopeError('A request may act in one city only.'));
    }
    this.cityId = cityId;
    this.opening ??= this.open(cityId);
    return this.opening;
  }

  /** Adds transaction-local settings, applied with the city when the transaction opens (or at once when open). */
  annotate(settings: Record<string, string>): void {
    Object.assign(this.settings, settings);
    if (this.runner) void this.runner.query(SET_SETTINGS, [JSON.stringify(settings)]).catch(() => undefined);
  }

  get currentCityId(): string | undefined {
    return this.cityId;
  }

  private async open(cityId: string): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    this.runner = runner;
    await runner.startTransaction('READ COMMITTED');
    await runner.query(`select set_config('app.city_id', $1, true), (${SET_SETTINGS.replace('$1', '$2')})`, [cityId, JSON.stringify(this.settings)]);
    return runner.manager;
  }

  /**
   * Work that must be kept even when the request itself fails (a failed-login counter, a consumed
   * one-time challenge): its own short transaction in the same city, committed at once.
   * Never call it while this scope holds its connection: a request must not hold two connections
   * at once, or a full pool deadlocks under load.
   */
  async independent<T>(cityId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.runner) throw new TenantScopeError('independent() while the request transaction is open would hold two connections');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`select set_config('app.city_id', $1, true), (${SET_SETTINGS.replace('$1', '$2')})`, [cityId, JSON.stringify(this.settings)]);
      return work(manager);
    });
  }

  /** Commits (or rolls back) and releases the connection. Safe to call when nothing was opened. */
  async finish(outcome: 'commit' | 'rollback'): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    this.opening = undefined;
    if (!runner) return;
    try {
      if (runner.isTransactionActive) {
        if (outcome === 'commit') await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      await runner.release();
    }
  }
}
