import { runGrpcService } from '@shop/platform';
import { CreateOrders1732300000000 } from './migrations/1732300000000-create-orders';
import { OrderModule } from './order.module';
import { OrderEntity, OrderItemEntity } from './orders/order.entity';

runGrpcService({
  service: 'order',
  imports: [OrderModule],
  database: {
    entities: [OrderEntity, OrderItemEntity],
    migrations: [CreateOrders1732300000000],
    rowLevelSecurityTables: ['orders', 'order_items'],
  },
});
