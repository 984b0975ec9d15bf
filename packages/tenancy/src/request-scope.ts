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
  private crossCity: { cityIds: string[]; service: string } | undefined;
  /** Transaction-local settings for the audit trail's triggers (who, from where, what); see mutationTrailPlugin. */
  private readonly settings: Record<string, string> = {};

  constructor(private readonly dataSource: DataSource) {}

  /** The request's transaction, confined to `cityId`. */
  manager(cityId: string): Promise<EntityManager> {
    if (this.crossCity) return Promise.reject(new TenantScopeError('A cross-city read cannot also act in one city.'));
    if (this.cityId !== undefined && this.cityId !== cityId) {
      return Promise.reject(new TenantScopeError('A request may act in one city only.'));
    }
    this.cityId = cityId;
    this.opening ??= this.open(cityId);
    return this.opening;
  }

  /**
   * Issue 9: a read across cities. The transaction sets `app.city_ids` (the explicit list, comma
   * separated) and `app.service` and leaves `app.city_id` unset, so the one-city policies match
   * nothing and only the cross-city SELECT policies (crossCityReadSql) apply: never "all cities",
   * never a write to a city table. Only for callers whose verified principal carries that reach.
   */
  crossCityManager(cityIds: readonly string[], service: string): Promise<EntityManager> {
    if (cityIds.length === 0) return Promise.reject(new TenantScopeError('A cross-city read needs at least one city.'));
    if (cityIds.some((id) => !/^[a-z][a-z0-9-]{1,30}$/.test(id))) return Promise.reject(new TenantScopeError('Not a city id.'));
    if (!/^[a-z][a-z-]{1,40}$/.test(service)) return Promise.reject(new TenantScopeError('Not a service id.'));
    const key = [...cityIds].sort().join(',');
    if (this.cityId !== undefined) return Promise.reject(new TenantScopeError('A one-city request cannot also read across cities.'));
    if (this.crossCity && (this.crossCity.cityIds.join(',') !== key || this.crossCity.service !== service)) {
      return Promise.reject(new TenantScopeError('A request reads one set of cities only.'));
    }
    this.crossCity ??= { cityIds: key.split(','), service };
    this.opening ??= this.openCrossCity(key, service);
    return this.opening;
  }

  get currentCityIds(): readonly string[] | undefined {
    return this.crossCity?.cityIds;
  }

  /**
   * Adds transaction-local settings, applied with the city when the transaction opens, or at once when it is
   * already open — awaited, so a trail row written next cannot miss who wrote it.
   */
  async annotate(settings: Record<string, string>): Promise<void> {
    Object.assign(this.settings, settings);
    if (this.runner) await this.runner.query(SET_SETTINGS, [JSON.stringify(settings)]);
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

  private async openCrossCity(cityIds: string, service: string): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    this.runner = runner;
    await runner.startTransaction('READ COMMITTED');
    await runner.query(
      `select set_config('app.city_ids', $1, true), set_config('app.service', $2, true), (${SET_SETTINGS.replace('$1', '$3')})`,
      [cityIds, service, JSON.stringify(this.settings)],
    );
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
    this.crossCity = undefined;
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
