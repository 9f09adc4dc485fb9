import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { OrderStatus } from '@shop/contracts';
import { bigintAsNumber } from '@shop/persistence';
import { OwnerColumn } from '@shop/security/ownership';

@Entity({ name: 'orders' })
export class OrderEntity {
  @PrimaryColumn('uuid')
  id: string;

  @OwnerColumn()
  ownerId: string;

  @Column('text', { name: 'idempotency_key' })
  idempotencyKey: string;

  /** Hash of what was asked for, to tell a retry from a reused key. */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('text')
  status: OrderStatus;

  @Column('text', { name: 'failure_code', nullable: true })
  failureCode: string | null;

  @Column('bigint', { transformer: bigintAsNumber })
  total: number;

  /** Only while PENDING: what saga recovery undoes the checkout with (a bearer credential for this one order). */
  @Column('text', { name: 'compensation_passport', nullable: true })
  compensationPassport: string | null;

  @Column('char', { length: 3 })
  currency: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ name: 'order_items' })
export class OrderItemEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @PrimaryColumn('uuid', { name: 'product_id' })
  productId: string;

  @OwnerColumn()
  ownerId: string;

  @Column('integer')
  quantity: number;

  @Column('bigint', { name: 'unit_price', transformer: bigintAsNumber })
  unitPrice: number;
}
