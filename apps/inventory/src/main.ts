import { runGrpcService } from '@shop/platform';
import { ProductEntity } from './catalogue/product.entity';
import { InventoryModule } from './inventory.module';
import { CreateInventory1732300000000 } from './migrations/1732300000000-create-inventory';
import { CreateProductImages1733500000000 } from './migrations/1733500000000-create-product-images';
import { ProductImageEntity } from './product-image/product-image.entity';
import { seedDemoProducts } from './seed/demo-products';
import { ReservationEntity } from './stock/reservation.entity';

runGrpcService({
  service: 'inventory',
  imports: [InventoryModule],
  database: {
    entities: [ProductEntity, ReservationEntity, ProductImageEntity],
    migrations: [CreateInventory1732300000000, CreateProductImages1733500000000],
    rowLevelSecurityTables: ['reservations'],
    seed: (dataSource) => seedDemoProducts(dataSource),
  },
});
