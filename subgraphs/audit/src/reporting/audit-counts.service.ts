import { InputError } from '@custos/federation';
import { countsPerCity, logCrossCityAccess, type RequestScope, type ReportReach } from '@custos/tenancy';
import type { EntityManager } from 'typeorm';
import { AUDIT_SCHEMA } from '../bureau/bureau-audits.service';

export interface FindingCountQuery {
  from?: Date | null;
  to?: Date | null;
  status?: string | null;
}

export interface FindingCountRow {
  cityId: string;
  ruleId: string;
  severity: string;
  count: number;
  unresolved: number;
}

interface CityFilter {
  predicate: string;
  param: string | string[];
}

export interface OverdueTaskCountRow {
  cityId: string;
  obligationId: string;
  ownerRole: string;
  count: number;
  oldestDueOn: string;
}

/**
 * Issue 9, the reporting aggregates of the audit: findings by city, rule and severity; overdue tasks by
 * city, obligation and owner role. One GROUP BY each. A city's caller counts its own city (its
 * transaction confined to it); a central agency counts the cities of its reach, of its own service, in a
 * cross-city transaction where row-level security admits only those rows (findings of the service,
 * open tasks of the service), and the read is logged per city in the same transaction. The WHERE
 * clauses only filter.
 */
export class AuditCountService {
  async findings(scope: RequestScope, reach: ReportReach, query: FindingCountQuery, operation: string, now: Date): Promise<FindingCountRow[]> {
    if (query.status && !['open', 'investigating', 'closed'].includes(query.status)) throw new InputError('INVALID_STATUS', 'The status is open, investigating or closed.', 'status');
    const { manager, city } = await this.open(scope, reach);
    const params: unknown[] = [city.param];
    const where = [city.predicate];
    if (reach.kind === 'cross-city') where.push(`service = $${params.push(reach.access.service)}`);
    if (query.from) where.push(`detected_at >= $${params.push(query.from)}`);
    if (query.to) where.push(`detected_at < $${params.push(query.to)}`);
    if (query.status) where.push(`status = $${params.push(query.status)}`);
    const raw: Array<{ city_id: string; rule_id: string; severity: string; n: number; unresolved: number }> = await manager.query(
      `SELECT city_id, rule_id, severity, count(*)::int AS n, count(*) FILTER (WHERE status <> 'closed')::int AS unresolved
         FROM audit.finding WHERE ${where.join(' AND ')}
        GROUP BY city_id, rule_id, severity
        ORDER BY city_id, CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, rule_id`,
      params,
    );
    const rows = raw.map((row) => ({ cityId: row.city_id, ruleId: row.rule_id, severity: row.severity, count: row.n, unresolved: row.unresolved }));
    await this.log(manager, reach, operation, rows, now);
    return rows;
  }

  /** Tasks due before `today` (Taiwan) and not done. */
  async overdueTasks(scope: RequestScope, reach: ReportReach, today: string, operation: string, now: Date): Promise<OverdueTaskCountRow[]> {
    const { manager, city } = await this.open(scope, reach);
    const params: unknown[] = [city.param, today];
    const where = [city.predicate, 'completed_at IS NULL', 'due_on < $2::date'];
    if (reach.kind === 'cross-city') where.push(`service = $${params.push(reach.access.service)}`);
    const raw: Array<{ city_id: string; obligation_id: string; owner_role: string; n: number; oldest: string }> = await manager.query(
      `SELECT city_id, obligation_id, owner_role, count(*)::int AS n, to_char(min(due_on), 'YYYY-MM-DD') AS oldest
         FROM audit.compliance_task WHERE ${where.join(' AND ')}
        GROUP BY city_id, obligation_id, owner_role ORDER BY city_id, n DESC, obligation_id, owner_role`,
      params,
    );
    const rows = raw.map((row) => ({ cityId: row.city_id, obligationId: row.obligation_id, ownerRole: row.owner_role, count: row.n, oldestDueOn: row.oldest }));
    await this.log(manager, reach, operation, rows, now);
    return rows;
  }

  /**
   * The request's transaction and the application's own city filter (parameter $1): `city_id = $1` for one
   * city (the form the row-level-security-alone test mode neutralises), the explicit list across cities.
   */
  private async open(scope: RequestScope, reach: ReportReach): Promise<{ manager: EntityManager; city: CityFilter }> {
    if (reach.kind === 'city') return { manager: await scope.manager(reach.cityId), city: { predicate: 'city_id = $1', param: reach.cityId } };
    return { manager: await scope.crossCityManager(reach.access.cityIds, reach.access.service), city: { predicate: 'city_id = ANY ($1::text[])', param: reach.access.cityIds } };
  }

  /** A central agency's count is a read of each city: logged with how many of its rows were counted. */
  private async log(manager: EntityManager, reach: ReportReach, operation: string, rows: ReadonlyArray<{ cityId: string; count: number }>, now: Date): Promise<void> {
    if (reach.kind !== 'cross-city') return;
    await logCrossCityAccess(manager, AUDIT_SCHEMA, reach.access, operation, countsPerCity(rows, (row) => row.cityId, (row) => row.count), now);
  }
}
