import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ownerPolicyStatements } from '@shop/security/ownership';

/**
 * A release that finds no reservation leaves a tombstone, so a reservation
 * that commits late, after the order's saga gave up, is refused instead of
 * holding stock for a cancelled order forever.
 */
export class ReleaseTombstones1765000000000 implements MigrationInterface {
  name = 'ReleaseTombstones1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE released_orders (
        order_id    uuid PRIMARY KEY,
        owner_id    uuid NOT NULL,
        released_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const statement of ownerPolicyStatements('released_orders')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE released_orders');
  }
}
