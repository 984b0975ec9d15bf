import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_audit';
const NO_ID = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * An audit of a period and the records it draws from the query register (Changhua 8(一), Tainan 8(一)):
 * the seed, the rule version and the SHA-256 of the population are stored, so the same sample can be
 * drawn again and shown to come from the same population.
 */
export class AuditsAndSamples1795600000002 implements MigrationInterface {
  name = 'AuditsAndSamples1795600000002';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE audit.audit (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        service text NOT NULL,
        rule_version_id text NOT NULL,
        method text NOT NULL CHECK (method IN ('sample', 'full-review')),
        sampling_rule jsonb,
        sampling_citation text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL CHECK (period_end >= period_start),
        agency_id uuid,
        unit_id uuid,
        stratify_by text[] NOT NULL DEFAULT '{}' CHECK (stratify_by <@ ARRAY['unit', 'item']),
        seed text NOT NULL CHECK (seed ~ '^[0-9a-f]{32}$'),
        population_count integer NOT NULL CHECK (population_count >= 0),
        population_hash text NOT NULL CHECK (population_hash ~ '^[0-9a-f]{64}$'),
        sample_size integer NOT NULL CHECK (sample_size >= 0 AND sample_size <= population_count),
        drawn_by uuid NOT NULL,
        drawn_at timestamptz NOT NULL DEFAULT now()
      )`,
      // One audit per period and scope: a second draw (with a new seed) would let an auditor pick the sample.
      `CREATE UNIQUE INDEX audit_city_scope_key ON audit.audit (city_id, service, period_start, period_end, coalesce(agency_id, ${NO_ID}), coalesce(unit_id, ${NO_ID}))`,
      `CREATE INDEX audit_city_period_idx ON audit.audit (city_id, period_start DESC)`,
      ...cityIsolationSql('audit.audit'),
      `GRANT SELECT, INSERT ON audit.audit TO ${ROLE}`,

      // The sampled records, in draw order. The audit row is written after its sample, in the same transaction.
      `CREATE TABLE audit.audit_sample (
        audit_id uuid NOT NULL REFERENCES audit.audit (id) DEFERRABLE INITIALLY DEFERRED,
        city_id text NOT NULL,
        position integer NOT NULL CHECK (position > 0),
        query_record_id uuid NOT NULL,
        sequence bigint NOT NULL,
        queried_at timestamptz NOT NULL,
        account_id uuid NOT NULL,
        agency_id uuid NOT NULL,
        unit_id uuid,
        item_key text NOT NULL,
        stratum text,
        draw_key text NOT NULL,
        PRIMARY KEY (audit_id, position),
        UNIQUE (audit_id, query_record_id)
      )`,
      `CREATE INDEX audit_sample_city_audit_idx ON audit.audit_sample (city_id, audit_id, position)`,
      ...cityIsolationSql('audit.audit_sample'),
      `GRANT SELECT, INSERT ON audit.audit_sample TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS audit.audit_sample');
    await db.query('DROP TABLE IF EXISTS audit.audit');
  }
}
