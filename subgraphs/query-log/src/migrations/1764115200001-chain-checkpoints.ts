import { cityIsolationSql } from '@custos/tenancy';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLE = 'custos_query_log';

/**
 * Signed checkpoints of each city's hash chain: record count (head sequence) and head hash, signed
 * with an Ed25519 key the database never holds, each linking the previous checkpoint. Append-only for
 * everyone (trigger) and insert-only for the application; exported with the archive
 * (`queryLogCheckpoints`), which is what catches an owner deleting both the newest records and the
 * newest checkpoints.
 */
export class ChainCheckpoints1764115200001 implements MigrationInterface {
  name = 'ChainCheckpoints1764115200001';

  async up(db: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE query_log.chain_checkpoint (
        id uuid PRIMARY KEY,
        city_id text NOT NULL,
        sequence bigint NOT NULL CHECK (sequence > 0),
        head_hash text NOT NULL CHECK (head_hash ~ '^[0-9a-f]{64}$'),
        previous_checkpoint_hash text NOT NULL CHECK (previous_checkpoint_hash ~ '^[0-9a-f]{64}$'),
        created_at timestamptz NOT NULL,
        key_id text NOT NULL,
        signature text NOT NULL,
        UNIQUE (city_id, sequence)
      )`,
      `CREATE TRIGGER chain_checkpoint_append_only BEFORE UPDATE OR DELETE ON query_log.chain_checkpoint FOR EACH ROW EXECUTE FUNCTION query_log.refuse_change()`,
      `CREATE TRIGGER chain_checkpoint_no_truncate BEFORE TRUNCATE ON query_log.chain_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION query_log.refuse_change()`,
      ...cityIsolationSql('query_log.chain_checkpoint'),
      `GRANT SELECT, INSERT ON query_log.chain_checkpoint TO ${ROLE}`,
    ];
    for (const sql of statements) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS query_log.chain_checkpoint');
  }
}
