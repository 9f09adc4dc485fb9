import { runGrpcService } from '@shop/platform';
import { ChargeModule } from './charge/charge.module';
import { PaymentEntity } from './charge/payment.entity';
import { CreatePayments1732300000000 } from './migrations/1732300000000-create-payments';
import { VoidTombstones1765000000000 } from './migrations/1765000000000-void-tombstones';

runGrpcService({
  service: 'payment',
  imports: [ChargeModule],
  database: {
    entities: [PaymentEntity],
    migrations: [CreatePayments1732300000000, VoidTombstones1765000000000],
    rowLevelSecurityTables: ['payments'],
  },
});
