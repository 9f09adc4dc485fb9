import { runGrpcService } from '@shop/platform';
import { ProductEntity } from './catalogue/product.entity';
import { InventoryModule } from './inventory.module';
import { CreateInventory1732300000000 } from './migrations/1732300000000-create-inventory';
import { seedDemoProducts } from './seed/demo-products';
import { ReservationEntity } from './stock/reservation.entity';

runGrpcService({
  service: 'inventory',
  imports: [InventoryModule],
  database: {
    entities: [ProductEntity, ReservationEntity],
    migrations: [CreateInventory1732300000000],
    rowLevelSecurityTables: ['reservations'],
    seed: (dataSource) => seedDemoProducts(dataSource),
  },
});
