import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Login throttling moves from the users table to its own table keyed by a
 * hash of the normalized email. Unknown emails get throttled exactly like
 * real accounts, so the lock-out itself does not reveal which emails exist.
 */
export class LoginThrottle1732400000000 implements MigrationInterface {
  name = 'LoginThrottle1732400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE login_throttle (
        email_key    text PRIMARY KEY CHECK (length(email_key) = 64),
        failures     integer NOT NULL CHECK (failures >= 0),
        locked_until timestamptz,
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0), ADD COLUMN locked_until timestamptz');
    await db.query('DROP TABLE login_throttle');
  }
}
