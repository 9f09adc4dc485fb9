import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuth1732300000000 implements MigrationInterface {
  name = 'CreateAuth1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY,
        email         text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) <= 254),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
        roles         text[] NOT NULL DEFAULT '{customer}',
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id                uuid PRIMARY KEY,
        family_id         uuid NOT NULL,
        user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash        text NOT NULL UNIQUE CHECK (length(token_hash) = 64),
        status            text NOT NULL CHECK (status IN ('ACTIVE', 'ROTATED', 'REVOKED')),
        expires_at        timestamptz NOT NULL,
        family_expires_at timestamptz NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE refresh_tokens');
    await db.query('DROP TABLE users');
  }
}
