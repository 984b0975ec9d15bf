import { rules, type IsoDate, type RuleVersion, type ServiceId } from '@custos/rules';
import type { EntityManager } from 'typeorm';
import { addDays, startOfTaiwanDay } from '../shared/dates';
import { ANOMALY_THRESHOLDS, PLATFORM_DEFAULT_CITATION } from './anomaly-thresholds';

/**
 * What the anomaly rules read of the query register: `query_log.anomaly_source`, a view owned by the
 * query-log subgraph (id, city_id, queried_at, account_id, agency_id, unit_id, item_key, sequence,
 * subject_key) with SELECT granted to custos_audit, confined to the caller's city. `subject_key` is a
 * pseudonym of the person queried, stable within the city: enough to see one person looked up by many
 * users, never the ID or the register's own subject hash.
 */
export const ANOMALY_SOURCE = 'query_log.anomaly_source';

/**
 * Queries in the bureau's own records that nobody registered: the BUREAU_ONLY items of the monthly
 * reconciliation runs (query-log's `query_log.unregistered_query`, security_invoker, so one city at a time).
 */
export const UNREGISTERED_SOURCE = 'query_log.unregistered_query';

export const ANOMALY_RULE_IDS = ['outside-office-hours', 'bulk-queries', 'volume-above-baseline', 'subject-many-users', 'unregistered-bureau-query'] as const;

export type AnomalyRuleId = (typeof ANOMALY_RULE_IDS)[number];
export type Severity = 'low' | 'medium' | 'high';

/** A finding as a rule raises it, before it is stored. */
export interface RawFinding {
  ruleId: AnomalyRuleId;
  fingerprint: string;
  severity: Severity;
  accountId: string | null;
  agencyId: string | null;
  subjectKey: string | null;
  windowStart: Date;
  windowEnd: Date;
  recordCount: number;
  recordIds: string[];
  summary: string;
  details: Record<string, unknown>;
  ruleVersionId: string;
  citation: string;
}

/** A scan of a city's records between two Taiwan days (inclusive), under one rule version. */
export interface ScanSpan {
  cityId: string;
  service: ServiceId;
  from: IsoDate;
  to: IsoDate;
  version: RuleVersion;
}

export interface AnomalyRule {
  id: AnomalyRuleId;
  title: string;
  /** Whether the rule applies under a version (office hours only where the rules restrict them). */
  appliesUnder(version: RuleVersion): boolean;
  scan(manager: EntityManager, span: ScanSpan): Promise<RawFinding[]>;
}

const TAIWAN_DAY = `(queried_at AT TIME ZONE 'Asia/Taipei')::date`;
const EVIDENCE = ANOMALY_THRESHOLDS.evidenceRecords;

function bounds(span: ScanSpan): [Date, Date] {
  return [startOfTaiwanDay(span.from), startOfTaiwanDay(addDays(span.to, 1))];
}

/** The anomaly team's rule, cited with every finding: what the city's rules say to do about an anomaly. */
function teamCitation(version: RuleVersion, basis: string): string {
  return `${basis}; ${version.audits.anomalyTeam.citation}`;
}

interface GroupRow {
  account_id: string | null;
  agency_id: string | null;
  subject_key?: string | null;
  window_key: string;
  n: number;
  first_at: Date;
  last_at: Date;
  ids: string[];
}

/** What a finding about one account's pattern (its queries in a window) says of who and when. */
function accountPattern(row: Pick<GroupRow, 'account_id' | 'agency_id' | 'n' | 'first_at' | 'last_at'>): Pick<RawFinding, 'accountId' | 'agencyId' | 'subjectKey' | 'windowStart' | 'windowEnd' | 'recordCount'> {
  return { accountId: row.account_id, agencyId: row.agency_id, subjectKey: null, windowStart: row.first_at, windowEnd: row.last_at, recordCount: row.n };
}

/** Taipei 6(三): no queries outside office hours (非辦公時間); the hours come from the profile. One finding per account and day. */
const outsideOfficeHours: AnomalyRule = {
  id: 'outside-office-hours',
  title: 'Queries outside office hours',
  appliesUnder: (version) => version.queries.officeHoursOnly.value && version.queries.officeHours.value !== null,
  async scan(manager, span) {
    const hours = span.version.queries.officeHours.value!;
    const [from, to] = bounds(span);
    const local = `(queried_at AT TIME ZONE 'Asia/Taipei')`;
    const rows: GroupRow[] = await manager.query(
      `SELECT account_id, min(agency_id::text) AS agency_id, ${TAIWAN_DAY}::text AS window_key, count(*)::int AS n,
              min(queried_at) AS first_at, max(queried_at) AS last_at, (array_agg(id ORDER BY queried_at, id))[1:${EVIDENCE}] AS ids
         FROM ${ANOMALY_SOURCE}
        WHERE city_id = $1 AND queried_at >= $2 AND queried_at < $3
          AND NOT (extract(isodow FROM ${local})::int = ANY($4::int[]) AND ${local}::time >= $5::time AND ${local}::time < $6::time)
        GROUP BY account_id, ${TAIWAN_DAY}`,
      [span.cityId, from, to, hours.weekdays, hours.from, hours.to],
    );
    return rows.map((row) => ({
      ruleId: 'outside-office-hours',
      fingerprint: `outside-office-hours:${row.account_id}:${row.window_key}`,
      severity: row.n >= 5 ? 'high' : 'medium',
      ...accountPattern(row),
      recordIds: row.ids,
      summary: `${row.n} ${row.n === 1 ? 'query' : 'queries'} outside office hours (${hours.from}–${hours.to}, ISO weekdays ${hours.weekdays.join(',')}) on ${row.window_key}`,
      details: { day: row.window_key, officeHours: hours, officeHoursCitation: span.version.queries.officeHours.citation },
      ruleVersionId: span.version.id,
      citation: teamCitation(span.version, span.version.queries.officeHoursOnly.citation),
    }));
  },
};

/** Many queries by one account in a few minutes. One finding per account and day, at its peak. */
const bulkQueries: AnomalyRule = {
  id: 'bulk-queries',
  title: 'Bulk queries',
  appliesUnder: () => true,
  async scan(manager, span) {
    const { queries, windowMinutes } = ANOMALY_THRESHOLDS.bulk;
    const [from, to] = bounds(span);
    const rows: Array<GroupRow & { peak: number }> = await manager.query(
      `WITH windowed AS (
         SELECT id, account_id, agency_id, queried_at,
                count(*) OVER (PARTITION BY account_id ORDER BY queried_at RANGE BETWEEN make_interval(mins => $4::int) PRECEDING AND CURRENT ROW)::int AS in_window
           FROM ${ANOMALY_SOURCE}
          WHERE city_id = $1 AND queried_at >= $2 AND queried_at < $3)
       SELECT account_id, min(agency_id::text) AS agency_id, ${TAIWAN_DAY}::text AS window_key, max(in_window) AS peak,
              count(*) FILTER (WHERE in_window >= $5)::int AS n, min(queried_at) FILTER (WHERE in_window >= $5) AS first_at,
              max(queried_at) FILTER (WHERE in_window >= $5) AS last_at,
              (array_agg(id ORDER BY queried_at, id) FILTER (WHERE in_window >= $5))[1:${EVIDENCE}] AS ids
         FROM windowed
        GROUP BY account_id, ${TAIWAN_DAY}
       HAVING max(in_window) >= $5`,
      [span.cityId, from, to, windowMinutes, queries],
    );
    return rows.map((row) => ({
      ruleId: 'bulk-queries',
      fingerprint: `bulk-queries:${row.account_id}:${row.window_key}`,
      severity: row.peak >= 2 * queries ? 'high' : 'medium',
      ...accountPattern(row),
      recordIds: row.ids,
      summary: `Up to ${row.peak} queries within ${windowMinutes} minutes on ${row.window_key} (threshold ${queries})`,
      details: { day: row.window_key, peak: row.peak, threshold: { queries, windowMinutes } },
      ruleVersionId: span.version.id,
      citation: teamCitation(span.version, PLATFORM_DEFAULT_CITATION),
    }));
  },
};

/** A day far above the account’s own daily average over the days before (from its first query in that window). */
const volumeAboveBaseline: AnomalyRule = {
  id: 'volume-above-baseline',
  title: 'Volume far above the user’s own baseline',
  appliesUnder: () => true,
  async scan(manager, span) {
    const { days, factor, minimumPerDay, minimumHistoryDays } = ANOMALY_THRESHOLDS.baseline;
    const [from, to] = bounds(span);
    const rows: Array<GroupRow & { baseline: number; history_days: number }> = await manager.query(
      `WITH daily AS (
         SELECT account_id, min(agency_id::text) AS agency_id, ${TAIWAN_DAY} AS day, count(*)::int AS n,
                min(queried_at) AS first_at, max(queried_at) AS last_at, (array_agg(id ORDER BY queried_at, id))[1:${EVIDENCE}] AS ids
           FROM ${ANOMALY_SOURCE}
          WHERE city_id = $1 AND queried_at >= $2::timestamptz - make_interval(days => $4::int) AND queried_at < $3
          GROUP BY account_id, ${TAIWAN_DAY}),
       history AS (
         SELECT daily.*,
                coalesce(sum(n) OVER (PARTITION BY account_id ORDER BY day RANGE BETWEEN make_interval(days => $4::int) PRECEDING AND '1 day'::interval PRECEDING), 0) AS before,
                least($4::int, day - min(day) OVER (PARTITION BY account_id)) AS history_days
           FROM daily)
       SELECT account_id, agency_id, day::text AS window_key, n, first_at, last_at, ids, before::float8 / history_days AS baseline, history_days
         FROM history
        WHERE day >= $6::date AND n >= $5 AND history_days >= $8 AND n > $7 * before::float8 / history_days`,
      [span.cityId, from, to, days, minimumPerDay, span.from, factor, minimumHistoryDays],
    );
    return rows.map((row) => ({
      ruleId: 'volume-above-baseline',
      fingerprint: `volume-above-baseline:${row.account_id}:${row.window_key}`,
      severity: row.n > 2 * factor * Math.max(row.baseline, 1) ? 'high' : 'medium',
      ...accountPattern(row),
      recordIds: row.ids,
      summary: `${row.n} queries on ${row.window_key}, against a usual ${row.baseline.toFixed(1)} a day over the ${row.history_days} days before`,
      details: { day: row.window_key, baselinePerDay: Number(row.baseline.toFixed(2)), historyDays: row.history_days, threshold: { days, factor, minimumPerDay, minimumHistoryDays } },
      ruleVersionId: span.version.id,
      citation: teamCitation(span.version, PLATFORM_DEFAULT_CITATION),
    }));
  },
};

/** One citizen looked up by many accounts or agencies within a calendar month (the neighbour case). */
const subjectManyUsers: AnomalyRule = {
  id: 'subject-many-users',
  title: 'The same person queried by many users or agencies',
  appliesUnder: () => true,
  async scan(manager, span) {
    const { distinctAccounts, distinctAgencies } = ANOMALY_THRESHOLDS.subject;
    const [from, to] = bounds(span);
    const rows: Array<GroupRow & { accounts: number; agencies: number }> = await manager.query(
      `SELECT subject_key, to_char(${TAIWAN_DAY}, 'YYYY-MM') AS window_key, count(*)::int AS n,
              count(DISTINCT account_id)::int AS accounts, count(DISTINCT agency_id)::int AS agencies,
              min(queried_at) AS first_at, max(queried_at) AS last_at, (array_agg(id ORDER BY queried_at, id))[1:${EVIDENCE}] AS ids
         FROM ${ANOMALY_SOURCE}
        WHERE city_id = $1 AND queried_at >= $2 AND queried_at < $3
        GROUP BY subject_key, 2
       HAVING count(DISTINCT account_id) >= $4 OR count(DISTINCT agency_id) >= $5`,
      [span.cityId, from, to, distinctAccounts, distinctAgencies],
    );
    return rows.map((row) => ({
      ruleId: 'subject-many-users',
      fingerprint: `subject-many-users:${row.subject_key}:${row.window_key}`,
      severity: row.agencies >= distinctAgencies ? 'high' : 'medium',
      accountId: null,
      agencyId: null,
      subjectKey: row.subject_key ?? null,
      windowStart: row.first_at,
      windowEnd: row.last_at,
      recordCount: row.n,
      recordIds: row.ids,
      summary: `One person queried ${row.n} times by ${row.accounts} accounts in ${row.agencies} ${row.agencies === 1 ? 'agency' : 'agencies'} in ${row.window_key}`,
      details: { month: row.window_key, accounts: row.accounts, agencies: row.agencies, threshold: { distinctAccounts, distinctAgencies } },
      ruleVersionId: span.version.id,
      citation: teamCitation(span.version, PLATFORM_DEFAULT_CITATION),
    }));
  },
};

/**
 * A query the bureau's records show and the register does not (Taipei 3, 8(一)2 reconcile the two; every
 * query is registered: Taipei 6(一), Taoyuan 4(五)2). The register itself refuses a query outside office
 * hours or networks, without pre-approval, for an item not held or by an inactive account (the permissions
 * decision), so a query that broke those rules can only have been made at the bureau unregistered: this
 * rule is where it surfaces. One finding per user and Taiwan day, counting each bureau record once however
 * many reconciliation runs listed it.
 */
const unregisteredBureauQuery: AnomalyRule = {
  id: 'unregistered-bureau-query',
  title: 'Queries in the bureau’s records with no register entry',
  appliesUnder: () => true,
  async scan(manager, span) {
    const [from, to] = bounds(span);
    const rows: Array<{
      account_id: string | null;
      user_account: string | null;
      agency_id: string | null;
      window_key: string;
      n: number;
      first_at: Date;
      last_at: Date;
      bureau_record_ids: string[];
      items: string[];
      runs: string[];
    }> = await manager.query(
      `SELECT account_id, min(user_account) AS user_account, min(agency_id::text) AS agency_id, ${TAIWAN_DAY}::text AS window_key,
              count(DISTINCT bureau_record_id)::int AS n, min(queried_at) AS first_at, max(queried_at) AS last_at,
              (array_agg(DISTINCT bureau_record_id ORDER BY bureau_record_id))[1:${EVIDENCE}] AS bureau_record_ids,
              array_agg(DISTINCT item_code ORDER BY item_code) AS items, array_agg(DISTINCT run_id::text ORDER BY run_id::text) AS runs
         FROM ${UNREGISTERED_SOURCE}
        WHERE city_id = $1 AND service = $2 AND queried_at >= $3 AND queried_at < $4
        GROUP BY account_id, CASE WHEN account_id IS NULL THEN user_account END, ${TAIWAN_DAY}
        ORDER BY first_at`,
      [span.cityId, span.service, from, to],
    );
    return rows.map((row) => ({
      ruleId: 'unregistered-bureau-query',
      fingerprint: `unregistered-bureau-query:${row.account_id ?? `user:${row.user_account}`}:${row.window_key}`,
      severity: 'high',
      ...accountPattern(row),
      // No register record exists: the evidence is the bureau's own record ids.
      recordIds: [],
      // Never who: central agencies read the summary (BureauFinding), never the official's account.
      summary: `${row.n} ${row.n === 1 ? 'query' : 'queries'} in the bureau's records with no register entry (${row.items.join(', ')}) on ${row.window_key}`,
      details: { day: row.window_key, userAccount: row.user_account, bureauRecordIds: row.bureau_record_ids, itemCodes: row.items, reconciliationRuns: row.runs },
      ruleVersionId: span.version.id,
      citation: teamCitation(span.version, span.version.queries.registerFields.citation),
    }));
  },
};

export const ANOMALY_RULES: readonly AnomalyRule[] = [outsideOfficeHours, bulkQueries, volumeAboveBaseline, subjectManyUsers, unregisteredBureauQuery];

/** The parts of [from, to] each rule version governs: records are judged by the rules of their date. */
export function versionSpans(cityId: string, service: ServiceId, from: IsoDate, to: IsoDate): ScanSpan[] {
  return rules
    .versions(cityId, service)
    .map((version) => {
      const start = version.effectiveFrom > from ? version.effectiveFrom : from;
      const lastDay = version.effectiveUntil ? addDays(version.effectiveUntil, -1) : to;
      const end = lastDay < to ? lastDay : to;
      return { cityId, service, from: start, to: end, version };
    })
    .filter((span) => span.from <= span.to);
}
