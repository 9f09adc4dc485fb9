import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ownerPolicyStatements } from '@shop/security/ownership';

export class CreateInventory1732300000000 implements MigrationInterface {
  name = 'CreateInventory1732300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE products (
        id         uuid PRIMARY KEY,
        sku        text NOT NULL UNIQUE,
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        price      bigint NOT NULL CHECK (price >= 0),
        currency   char(3) NOT NULL,
        stock      integer NOT NULL CONSTRAINT products_stock_not_negative CHECK (stock >= 0),
        unit_cost  bigint NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE reservations (
        order_id   uuid NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        owner_id   uuid NOT NULL,
        quantity   integer NOT NULL CHECK (quantity > 0),
        unit_price bigint NOT NULL CHECK (unit_price >= 0),
        currency   char(3) NOT NULL,
        status     text NOT NULL CHECK (status IN ('RESERVED', 'RELEASED')),
        PRIMARY KEY (order_id, product_id)
      )`);
    for (const statement of ownerPolicyStatements('reservations')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE reservations');
    await db.query('DROP TABLE products');
  }
}
