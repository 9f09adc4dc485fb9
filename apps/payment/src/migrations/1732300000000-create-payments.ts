import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ownerPolicyStatements } from '@shop/security/ownership';

export class CreatePayments1732300000000 implements MigrationInterface {
  name = 'CreatePayments1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE payments (
        id           uuid PRIMARY KEY,
        order_id     uuid NOT NULL UNIQUE,
        owner_id     uuid NOT NULL,
        status       text NOT NULL CHECK (status IN ('APPROVED', 'DECLINED', 'REFUNDED')),
        amount       bigint NOT NULL CHECK (amount > 0),
        currency     char(3) NOT NULL,
        card_brand   text NOT NULL,
        card_last4   char(4) NOT NULL CHECK (card_last4 ~ '^[0-9]{4}$'),
        decline_code text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        refunded_at  timestamptz
      )`);
    await db.query('CREATE INDEX payments_owner_idx ON payments (owner_id)');
    for (const statement of ownerPolicyStatements('payments')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE payments');
  }
}
