import { ownedTables } from '@shop/security/ownership';
import { ownerPolicyTables, withMigratedSchema } from '@shop/testing';
import { PAYMENT_DATABASE } from './payment.database';

describe('payment schema on PostgreSQL', () => {
  it('puts owner policies on exactly the tables of its @OwnerColumn entities', async () => {
    const policies = await withMigratedSchema('payment', PAYMENT_DATABASE, ownerPolicyTables);
    expect(policies).toEqual(ownedTables(PAYMENT_DATABASE.entities).sort());
  }, 60_000);
});
