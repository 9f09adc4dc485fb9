import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentStatus } from '@shop/contracts';
import { bigintAsNumber } from '@shop/persistence';
import { OwnerColumn } from '@shop/security/ownership';

/**
 * One charge per order. Only the card brand and last four digits are kept:
 * no PAN, no expiry, no CVC, ever. A VOIDED row is a tombstone (a refund
 * that came before any charge): it has no amount, currency or card.
 */
@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid', { name: 'order_id', unique: true })
  orderId: string;

  @OwnerColumn()
  ownerId: string;

  @Column('text')
  status: PaymentStatus;

  @Column('bigint', { transformer: bigintAsNumber })
  amount: number;

  @Column('char', { length: 3, nullable: true })
  currency: string | null;

  @Column('text', { name: 'card_brand', nullable: true })
  cardBrand: string | null;

  @Column('char', { name: 'card_last4', length: 4, nullable: true })
  cardLast4: string | null;

  @Column('text', { name: 'decline_code', nullable: true })
  declineCode: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'refunded_at', nullable: true })
  refundedAt: Date | null;
}
