import { runGrpcService } from '@shop/platform';
import { ChargeModule } from './charge/charge.module';
import { PAYMENT_DATABASE } from './payment.database';

runGrpcService({ service: 'payment', imports: [ChargeModule], database: PAYMENT_DATABASE });
