import { IDEMPOTENCY_KEY, ORDER_LIMITS } from '@shop/contracts';
import { ownedTables } from '@shop/security/ownership';
import { ownerPolicyTables, withMigratedSchema } from '@shop/testing';
import type { DataSource } from 'typeorm';
import { ORDER_DATABASE } from './order.database';

/** `[min, max]` of a `CHECK (<expression> BETWEEN min AND max)` on `table`, as PostgreSQL stored it. */
async function checkedRange(owner: DataSource, table: string, expression: string): Promise<[number, number] | undefined> {
  const rows = (await owner.query("SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'c'", [table])) as Array<{ def: string }>;
  const term = expression.replace(/[()]/g, '\\$&');
  // eslint-disable-next-line security/detect-non-literal-regexp -- built from the test's own literals
  const range = new RegExp(`\\(${term} >= (\\d+)\\) AND \\(${term} <= (\\d+)\\)`);
  const match = rows.map((row) => range.exec(row.def)).find((found) => found !== null);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Integration: the migrations' SQL against the rules it repeats (libs/contracts, @OwnerColumn). */
describe('order schema on PostgreSQL', () => {
  it('checks the same quantity range and Idempotency-Key length as ORDER_LIMITS and IDEMPOTENCY_KEY, and puts owner policies on exactly the @OwnerColumn tables', async () => {
    const schema = await withMigratedSchema('order', ORDER_DATABASE, async (owner) => ({
      quantity: await checkedRange(owner, 'order_items', 'quantity'),
      keyLength: await checkedRange(owner, 'orders', 'length(idempotency_key)'),
      policies: await ownerPolicyTables(owner),
    }));
    expect(schema).toEqual({
      quantity: [1, ORDER_LIMITS.maxQuantity],
      keyLength: [IDEMPOTENCY_KEY.minLength, IDEMPOTENCY_KEY.maxLength],
      policies: ownedTables(ORDER_DATABASE.entities).sort(),
    });
  }, 60_000);
});
