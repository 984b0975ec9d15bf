import type { DataSource, EntityManager } from 'typeorm';

/**
 * A job's unit of work for one city: its own transaction with `app.city_id` set, so row-level
 * security confines it exactly as it confines a request.
 */
export function inCity<T>(dataSource: DataSource, cityId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`select set_config('app.city_id', $1, true)`, [cityId]);
    return work(manager);
  });
}
