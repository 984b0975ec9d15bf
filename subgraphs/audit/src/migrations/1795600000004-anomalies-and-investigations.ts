import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';

/**
 * Anomaly findings raised by rules that scan the query register, and the investigations they open with
 * the joint team the city's rules name (Tainan 8(二): business + ethics + IT; Changhua 8(二)).
 */
export class AnomaliesAndInvestigations1795600000004 implements MigrationInterface {
  name = 'AnomaliesAndInvestigations1795600000004';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE audit.anomaly_scan (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        rules text[] NOT NULL,
        scanned_by uuid,
        scanned_at timestamptz NOT NULL
      )`,
      `CREATE INDEX anomaly_scan_city_time_idx ON audit.anomaly_scan (city_id, scanned_at DESC)`,
      ...cityIsolationSql('audit.anomaly_scan'),
      `GRANT SELECT, INSERT ON audit.anomaly_scan TO ${ROLE}`,

      // One finding per rule and pattern (the fingerprint, e.g. rule + account + day): scanning again refreshes
      // an open finding's evidence instead of raising it twice.
      `CREATE TABLE audit.finding (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        rule_id text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
        fingerprint text NOT NULL,
        account_id uuid,
        agency_id uuid,
        subject_key text CHECK (subject_key IS NULL OR length(subject_key) BETWEEN 1 AND 128),
        window_start timestamptz NOT NULL,
        window_end timestamptz NOT NULL,
        record_count integer NOT NULL CHECK (record_count > 0),
        record_ids uuid[] NOT NULL,
        summary text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        rule_version_id text NOT NULL,
        citation text NOT NULL,
        scan_id uuid NOT NULL REFERENCES audit.anomaly_scan (id),
        detected_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'investigating', 'closed')),
        UNIQUE (city_id, fingerprint)
      )`,
      `CREATE INDEX finding_city_detected_idx ON audit.finding (city_id, detected_at DESC)`,
      `CREATE INDEX finding_city_window_idx ON audit.finding (city_id, window_start)`,
      ...cityIsolationSql('audit.finding'),
      `GRANT SELECT, INSERT, UPDATE (severity, window_start, window_end, record_count, record_ids, summary, details, scan_id, status) ON audit.finding TO ${ROLE}`,

      `CREATE TABLE audit.investigation (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        finding_id uuid NOT NULL UNIQUE REFERENCES audit.finding (id),
        team_roles text[] NOT NULL,
        team_citation text NOT NULL,
        rule_version_id text NOT NULL,
        event_id uuid REFERENCES audit.obligation_event (id),
        opened_by uuid NOT NULL,
        opened_at timestamptz NOT NULL,
        outcome text CHECK (outcome IN ('no-misuse', 'misuse-confirmed', 'inconclusive')),
        actions text[] NOT NULL DEFAULT '{}',
        outcome_summary text CHECK (outcome_summary IS NULL OR length(outcome_summary) <= 4000),
        closed_by uuid,
        closed_at timestamptz,
        CHECK ((outcome IS NULL) = (closed_at IS NULL))
      )`,
      `CREATE INDEX investigation_city_opened_idx ON audit.investigation (city_id, opened_at DESC)`,
      ...cityIsolationSql('audit.investigation'),
      `GRANT SELECT, INSERT, UPDATE (outcome, actions, outcome_summary, closed_by, closed_at) ON audit.investigation TO ${ROLE}`,

      `CREATE TABLE audit.investigation_note (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        investigation_id uuid NOT NULL REFERENCES audit.investigation (id),
        author_id uuid NOT NULL,
        author_roles text[] NOT NULL,
        body text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
        created_at timestamptz NOT NULL
      )`,
      `CREATE INDEX investigation_note_city_investigation_idx ON audit.investigation_note (city_id, investigation_id, created_at)`,
      ...cityIsolationSql('audit.investigation_note'),
      `GRANT SELECT, INSERT ON audit.investigation_note TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['investigation_note', 'investigation', 'finding', 'anomaly_scan']) await db.query(`DROP TABLE IF EXISTS audit.${table}`);
  }
}
