import { runGrpcService } from '@shop/platform';
import { ORDER_DATABASE } from './order.database';
import { OrderModule } from './order.module';

runGrpcService({ service: 'order', imports: [OrderModule], database: ORDER_DATABASE });
