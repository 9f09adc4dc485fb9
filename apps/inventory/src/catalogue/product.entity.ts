import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from '@shop/persistence';

@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text', { unique: true })
  sku: string;

  @Column('text')
  name: string;

  /** Price in integer minor units. */
  @Column('bigint', { transformer: bigintAsNumber })
  price: number;

  @Column('char', { length: 3 })
  currency: string;

  /** Never negative: CHECK (stock >= 0) plus conditional updates. */
  @Column('integer')
  stock: number;

  /** Internal purchase cost. Never leaves the service (OWASP API3). */
  @Column('bigint', { name: 'unit_cost', transformer: bigintAsNumber })
  unitCost: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
