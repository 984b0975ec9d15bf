import { cityIsolationSql, schemaUsageSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_identity';

export class CreateIdentitySchema1764028800000 implements MigrationInterface {
  name = 'CreateIdentitySchema1764028800000';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      // The tenant list itself: public facts (names), no city column, so no row-level policy.
      `CREATE TABLE identity.city (
        id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,30}$'),
        name text NOT NULL,
        name_en text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE identity.agency (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        parent_id uuid REFERENCES identity.agency(id),
        commissioning_agency_id uuid REFERENCES identity.agency(id),
        kind text NOT NULL CHECK (kind IN ('GOVERNING', 'REVIEWING', 'USING', 'DISTRICT_OFFICE', 'CENTRAL')),
        name text NOT NULL,
        name_en text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX agency_city_parent_idx ON identity.agency (city_id, parent_id)`,
      `CREATE TABLE identity.unit (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        agency_id uuid NOT NULL REFERENCES identity.agency(id),
        name text NOT NULL,
        name_en text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE INDEX unit_city_agency_idx ON identity.unit (city_id, agency_id)`,
      `CREATE TABLE identity.person (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        display_name text NOT NULL,
        myegov_account_id text,
        certificate_fingerprint text CHECK (certificate_fingerprint ~ '^[0-9a-f]{64}$'),
        employment_status text NOT NULL DEFAULT 'EMPLOYED' CHECK (employment_status IN ('EMPLOYED', 'MOVED', 'DEPARTED')),
        is_vendor_staff boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX person_city_certificate_idx ON identity.person (city_id, certificate_fingerprint)`,
      `CREATE TABLE identity.account (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        person_id uuid NOT NULL REFERENCES identity.person(id),
        agency_id uuid NOT NULL REFERENCES identity.agency(id),
        unit_id uuid REFERENCES identity.unit(id),
        username text NOT NULL CHECK (length(username) BETWEEN 3 AND 64),
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'REVOKED')),
        password_hash text,
        password_changed_at timestamptz,
        failed_login_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE UNIQUE INDEX account_city_username_idx ON identity.account (city_id, lower(username))`,
      `CREATE INDEX account_city_agency_idx ON identity.account (city_id, agency_id)`,
      `CREATE INDEX account_city_person_idx ON identity.account (city_id, person_id)`,
      // Pre-authentication state: a one-time nonce per login attempt, no personal data.
      `CREATE TABLE identity.login_challenge (
        id uuid PRIMARY KEY,
        city_id text NOT NULL REFERENCES identity.city(id),
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
      // Revoked citizen certificates (serial numbers, as a CRL would list them): public by nature.
      `CREATE TABLE identity.revoked_certificate (
        serial_number text PRIMARY KEY CHECK (serial_number ~ '^[0-9a-f]+$'),
        reason text NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`,
      ...cityIsolationSql('identity.agency'),
      ...cityIsolationSql('identity.unit'),
      ...cityIsolationSql('identity.person'),
      ...cityIsolationSql('identity.account'),
      ...schemaUsageSql('identity', ROLE),
      `GRANT SELECT ON identity.city, identity.revoked_certificate TO ${ROLE}`,
      `GRANT SELECT, INSERT, UPDATE ON identity.agency, identity.unit, identity.person, identity.account TO ${ROLE}`,
      `GRANT SELECT, INSERT, UPDATE ON identity.login_challenge TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['login_challenge', 'revoked_certificate', 'account', 'person', 'unit', 'agency', 'city']) {
      await db.query(`DROP TABLE IF EXISTS identity.${table}`);
    }
  }
}
