import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per refresh-token family (login session). Rotation, reuse
 * detection and logout lock this row (`SELECT ... FOR UPDATE`) before they
 * touch any token of the family, so they run one after the other: without
 * it, a rotation that inserts a new ACTIVE token while a revocation runs
 * lets that token survive the revocation (issue 14, item 1).
 */
export class RefreshFamilies1733100000000 implements MigrationInterface {
  name = 'RefreshFamilies1733100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE refresh_families (
        id         uuid PRIMARY KEY,
        user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        status     text NOT NULL CHECK (status IN ('ACTIVE', 'REVOKED')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      INSERT INTO refresh_families (id, user_id, status, expires_at)
      SELECT family_id, (array_agg(user_id))[1],
             CASE WHEN bool_or(status = 'ACTIVE') THEN 'ACTIVE' ELSE 'REVOKED' END,
             max(family_expires_at)
        FROM refresh_tokens GROUP BY family_id`);
    await db.query('ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_family_fk FOREIGN KEY (family_id) REFERENCES refresh_families (id) ON DELETE CASCADE');
    await db.query('CREATE INDEX refresh_families_user_idx ON refresh_families (user_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE refresh_tokens DROP CONSTRAINT refresh_tokens_family_fk');
    await db.query('DROP TABLE refresh_families');
  }
}
