import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReservationStatus } from '@shop/contracts';
import { bigintAsNumber } from '@shop/persistence';
import { OwnerColumn } from '@shop/security/ownership';

/** Stock held for one order line. Owned by the order's user. */
@Entity({ name: 'reservations' })
export class ReservationEntity {
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

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  status: ReservationStatus;
}
