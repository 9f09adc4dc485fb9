import { ownedTables } from '@shop/security/ownership';
import { ownerPolicyTables, withMigratedSchema } from '@shop/testing';
import { INVENTORY_DATABASE } from './inventory.database';

describe('inventory schema on PostgreSQL', () => {
  it('puts owner policies on exactly the tables of its @OwnerColumn entities', async () => {
    const policies = await withMigratedSchema('inventory', INVENTORY_DATABASE, ownerPolicyTables);
    expect(policies).toEqual(ownedTables(INVENTORY_DATABASE.entities).sort());
  }, 60_000);
});
