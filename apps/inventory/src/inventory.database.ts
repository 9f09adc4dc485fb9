import type { DatabaseDefinition } from '@shop/platform';
import { ProductEntity } from './catalogue/product.entity';
import { CreateInventory1732300000000 } from './migrations/1732300000000-create-inventory';
import { CreateProductImages1733500000000 } from './migrations/1733500000000-create-product-images';
import { ReleaseTombstones1765000000000 } from './migrations/1765000000000-release-tombstones';
import { ProductImageEntity } from './product-image/product-image.entity';
import { seedDemoProducts } from './seed/demo-products';
import { ReleasedOrderEntity } from './stock/released-order.entity';
import { ReservationEntity } from './stock/reservation.entity';

/**
 * Inventory's tables: what `inventory migrate` runs and the service maps.
 * Row-level security covers the entities marked `@OwnerColumn` (see
 * `ownedTables`); `inventory.database.int.spec.ts` checks the migrations agree.
 */
export const INVENTORY_DATABASE: DatabaseDefinition = {
  entities: [ProductEntity, ReservationEntity, ReleasedOrderEntity, ProductImageEntity],
  migrations: [CreateInventory1732300000000, CreateProductImages1733500000000, ReleaseTombstones1765000000000],
  seed: (dataSource) => seedDemoProducts(dataSource),
};
