import { runGrpcService } from '@shop/platform';
import { CreateOrders1732300000000 } from './migrations/1732300000000-create-orders';
import { CompensationPassports1765100000000 } from './migrations/1765100000000-compensation-passports';
import { OrderModule } from './order.module';
import { OrderEntity, OrderItemEntity } from './orders/order.entity';

runGrpcService({
  service: 'order',
  imports: [OrderModule],
  database: {
    entities: [OrderEntity, OrderItemEntity],
    migrations: [CreateOrders1732300000000, CompensationPassports1765100000000],
    rowLevelSecurityTables: ['orders', 'order_items'],
  },
});
