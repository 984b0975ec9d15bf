import type { EntityManager } from 'typeorm';

/**
 * Rows returned by an UPDATE ... RETURNING. TypeORM's postgres driver answers UPDATE and DELETE
 * with [rows, rowCount] (and every other statement with the rows), so read them in one place.
 */
export async function updateReturning<T = Record<string, unknown>>(manager: EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = (await manager.query(sql, parameters)) as [T[], number] | T[];
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
