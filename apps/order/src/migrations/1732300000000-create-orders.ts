import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ownerPolicyStatements } from '@shop/security/ownership';

export class CreateOrders1732300000000 implements MigrationInterface {
  name = 'CreateOrders1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE orders (
        id              uuid PRIMARY KEY,
        owner_id        uuid NOT NULL,
        idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 8 AND 128),
        request_hash    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'PAYMENT_DECLINED', 'CANCELLED')),
        failure_code    text,
        total           bigint NOT NULL DEFAULT 0 CHECK (total >= 0),
        currency        char(3) NOT NULL,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_one_per_key UNIQUE (owner_id, idempotency_key)
      )`);
    await db.query('CREATE INDEX orders_owner_created_idx ON orders (owner_id, created_at DESC)');
    await db.query(`
      CREATE TABLE order_items (
        order_id   uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        owner_id   uuid NOT NULL,
        quantity   integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
        unit_price bigint NOT NULL CHECK (unit_price >= 0),
        PRIMARY KEY (order_id, product_id)
      )`);
    for (const table of ['orders', 'order_items']) {
      for (const statement of ownerPolicyStatements(table)) await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE order_items');
    await db.query('DROP TABLE orders');
  }
}
