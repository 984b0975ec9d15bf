import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * Query requests (查詢申請: Changhua 5(一), Tainan 7(一) 附表三) and their supervisor decisions, and
 * the justification each register entry carries. Both tables are append-only: a request is never
 * edited, and its one decision is a separate row (UNIQUE per request, so two supervisors deciding at
 * once cannot both win).
 */
export class QueryRequests1764115200000 implements MigrationInterface {
  name = 'QueryRequests1764115200000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE query_log.query_request (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        account_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        unit_id uuid,
        case_number text NOT NULL CHECK (length(case_number) BETWEEN 1 AND 64),
        purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
        service text NOT NULL,
        item_keys text[] NOT NULL CHECK (cardinality(item_keys) BETWEEN 1 AND 32),
        subject_kind text NOT NULL CHECK (subject_kind IN ('NATIONAL_ID', 'BUSINESS_NUMBER')),
        subject_hash text NOT NULL CHECK (subject_hash ~ '^[0-9a-f]{64}$'),
        subject_masked text NOT NULL,
        legal_basis text CHECK (length(legal_basis) BETWEEN 1 AND 500),
        consent_document text CHECK (length(consent_document) BETWEEN 1 AND 100),
        consent_signed_on date,
        proxy_for_account_id uuid,
        proxy_document_number text CHECK (length(proxy_document_number) BETWEEN 1 AND 100),
        proxy_authorised_on date,
        rule_version text,
        pre_approval_required boolean NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK ((consent_document IS NULL) = (consent_signed_on IS NULL)),
        CHECK (proxy_for_account_id IS NULL OR proxy_for_account_id <> account_id)
      )`,
      `CREATE INDEX query_request_city_account_idx ON query_log.query_request (city_id, account_id, created_at DESC)`,
      `CREATE INDEX query_request_city_unit_idx ON query_log.query_request (city_id, agency_id, unit_id, created_at DESC)`,
      `CREATE TABLE query_log.query_request_decision (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        request_id uuid NOT NULL UNIQUE REFERENCES query_log.query_request (id),
        decision text NOT NULL CHECK (decision IN ('APPROVED', 'REJECTED')),
        decided_by uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        expires_at timestamptz CHECK (expires_at > decided_at),
        note text CHECK (length(note) <= 500),
        CHECK (decision = 'APPROVED' OR expires_at IS NULL)
      )`,
      `CREATE INDEX query_request_decision_city_idx ON query_log.query_request_decision (city_id, request_id)`,
      // The register entry keeps the justification it was recorded under, so the chain covers it too.
      `ALTER TABLE query_log.query_record
         ADD COLUMN request_id uuid REFERENCES query_log.query_request (id),
         ADD COLUMN subject_kind text CHECK (subject_kind IN ('NATIONAL_ID', 'BUSINESS_NUMBER')),
         ADD COLUMN legal_basis text,
         ADD COLUMN consent_document text,
         ADD COLUMN proxy_for_account_id uuid,
         ADD COLUMN proxy_document_number text,
         ADD COLUMN client_address text,
         ADD COLUMN decision_rule_version text`,
      `CREATE INDEX query_record_city_request_idx ON query_log.query_record (city_id, request_id)`,
      `CREATE INDEX query_record_city_agency_time_idx ON query_log.query_record (city_id, agency_id, queried_at DESC)`,
      `CREATE INDEX query_record_city_unit_time_idx ON query_log.query_record (city_id, unit_id, queried_at DESC)`,
      `CREATE INDEX query_record_city_subject_idx ON query_log.query_record (city_id, subject_hash)`,
      `CREATE INDEX query_record_city_case_idx ON query_log.query_record (city_id, case_number)`,
    ];
    for (const table of ['query_request', 'query_request_decision']) {
      statements.push(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON query_log.${table} FOR EACH ROW EXECUTE FUNCTION query_log.refuse_change()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON query_log.${table} FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_change()`,
        ...cityIsolationSql(`query_log.${table}`),
        `GRANT SELECT, INSERT ON query_log.${table} TO ${ROLE}`,
      );
    }
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE query_log.query_record DROP COLUMN request_id, DROP COLUMN subject_kind, DROP COLUMN legal_basis, DROP COLUMN consent_document,
      DROP COLUMN proxy_for_account_id, DROP COLUMN proxy_document_number, DROP COLUMN client_address, DROP COLUMN decision_rule_version`);
    await db.query('DROP TABLE IF EXISTS query_log.query_request_decision');
    await db.query('DROP TABLE IF EXISTS query_log.query_request');
  }
}
