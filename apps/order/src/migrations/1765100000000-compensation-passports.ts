import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A PENDING order keeps the compensation passport the gateway minted for it
 * (bound to that one order), so saga recovery can refund and release it after
 * the user's request is gone. A final order needs it no more: the CHECK makes
 * finishing an order drop it, so the table never holds a usable one for long.
 */
export class CompensationPassports1765100000000 implements MigrationInterface {
  name = 'CompensationPassports1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orders
        ADD COLUMN compensation_passport text,
        ADD CONSTRAINT orders_passport_only_while_pending CHECK (status = 'PENDING' OR compensation_passport IS NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders DROP CONSTRAINT orders_passport_only_while_pending, DROP COLUMN compensation_passport');
  }
}
