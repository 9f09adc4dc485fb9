import { runGrpcService } from '@shop/platform';
import { INVENTORY_DATABASE } from './inventory.database';
import { InventoryModule } from './inventory.module';

runGrpcService({ service: 'inventory', imports: [InventoryModule], database: INVENTORY_DATABASE });
