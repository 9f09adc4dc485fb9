import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refund that finds no charge leaves a VOIDED row (a tombstone) behind, so
 * a charge that commits late, after the order's saga gave up, hits the unique
 * order_id and is refused instead of taking money for a cancelled order.
 * A tombstone has no amount and no card.
 */
export class VoidTombstones1765000000000 implements MigrationInterface {
  name = 'VoidTombstones1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN ('APPROVED', 'DECLINED', 'REFUNDED', 'VOIDED')),
        DROP CONSTRAINT payments_amount_check,
        ADD CONSTRAINT payments_amount_check CHECK (amount > 0 OR status = 'VOIDED'),
        ALTER COLUMN currency DROP NOT NULL,
        ALTER COLUMN card_brand DROP NOT NULL,
        ALTER COLUMN card_last4 DROP NOT NULL,
        ADD CONSTRAINT payments_only_voids_lack_a_card CHECK ((status = 'VOIDED') = (card_last4 IS NULL AND card_brand IS NULL AND currency IS NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM payments WHERE status = 'VOIDED'`);
    await db.query(`
      ALTER TABLE payments
        DROP CONSTRAINT payments_only_voids_lack_a_card,
        ALTER COLUMN currency SET NOT NULL,
        ALTER COLUMN card_brand SET NOT NULL,
        ALTER COLUMN card_last4 SET NOT NULL,
        DROP CONSTRAINT payments_amount_check,
        ADD CONSTRAINT payments_amount_check CHECK (amount > 0),
        DROP CONSTRAINT payments_status_check,
        ADD CONSTRAINT payments_status_check CHECK (status IN ('APPROVED', 'DECLINED', 'REFUNDED'))`);
  }
}
