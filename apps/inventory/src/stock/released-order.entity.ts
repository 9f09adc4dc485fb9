import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { OwnerColumn } from '@shop/security/ownership';

/** Tombstone: the order gave up before any stock was reserved for it; none ever will be. */
@Entity({ name: 'released_orders' })
export class ReleasedOrderEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId: string;

  @OwnerColumn()
  ownerId: string;

  @CreateDateColumn({ name: 'released_at', type: 'timestamptz' })
  releasedAt: Date;
}
