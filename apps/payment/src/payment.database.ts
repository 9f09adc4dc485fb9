import type { DatabaseDefinition } from '@shop/platform';
import { PaymentEntity } from './charge/payment.entity';
import { CreatePayments1732300000000 } from './migrations/1732300000000-create-payments';
import { VoidTombstones1765000000000 } from './migrations/1765000000000-void-tombstones';

/**
 * Payment's tables: what `payment migrate` runs and the service maps.
 * Row-level security covers the entities marked `@OwnerColumn` (see
 * `ownedTables`); `payment.database.int.spec.ts` checks the migrations agree.
 */
export const PAYMENT_DATABASE: DatabaseDefinition = {
  entities: [PaymentEntity],
  migrations: [CreatePayments1732300000000, VoidTombstones1765000000000],
};
