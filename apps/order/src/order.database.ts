import type { DatabaseDefinition } from '@shop/platform';
import { CreateOrders1732300000000 } from './migrations/1732300000000-create-orders';
import { CompensationPassports1765100000000 } from './migrations/1765100000000-compensation-passports';
import { OrderEntity, OrderItemEntity } from './orders/order.entity';

/**
 * Order's tables: what `order migrate` runs and the service maps. Row-level
 * security covers the entities marked `@OwnerColumn` (see `ownedTables`);
 * `order.database.int.spec.ts` checks the migrations agree.
 */
export const ORDER_DATABASE: DatabaseDefinition = {
  entities: [OrderEntity, OrderItemEntity],
  migrations: [CreateOrders1732300000000, CompensationPassports1765100000000],
};
