import { runGrpcService } from '@shop/platform';
import { ChargeModule } from './charge/charge.module';
import { PaymentEntity } from './charge/payment.entity';
import { CreatePayments1732300000000 } from './migrations/1732300000000-create-payments';

runGrpcService({
  service: 'payment',
  imports: [ChargeModule],
  database: {
    entities: [PaymentEntity],
    migrations: [CreatePayments1732300000000],
    rowLevelSecurityTables: ['payments'],
  },
});
