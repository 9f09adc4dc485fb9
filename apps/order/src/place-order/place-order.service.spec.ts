import { ShopError, type PlaceOrderRequest, type Principal } from '@shop/contracts';
import { SagaCompensation } from '../saga/saga-compensation';
import { SagaRecoveryService } from '../saga-recovery/saga-recovery.service';
import { ManualClock, MemoryLogger, MemorySagaStore, ScriptedInventory, ScriptedPayment, paymentOf } from '../testing/saga-fakes';
import { PlaceOrderService } from './place-order.service';

const ALICE: Principal = { sub: '11111111-1111-4111-8111-111111111111', roles: ['customer'], scope: ['orders:write'], jti: 'j' };
/** Stands in for the gateway-minted compensation passport of the checkout. */
const COMPENSATION = 'compensation-passport';
const PRODUCT = '22222222-2222-4222-8222-222222222222';
const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2031, cvc: '123' };
const TIMING = { deadlineMs: 30_000, recoveryIntervalMs: 10_000 };

function request(key = 'checkout-key-1', card = CARD): PlaceOrderRequest {
  return { idempotencyKey: key, items: [{ productId: PRODUCT, quantity: 2 }], card };
}

function saga() {
  const store = new MemorySagaStore();
  const inventory = new ScriptedInventory();
  const payment = new ScriptedPayment();
  const clock = new ManualClock();
  const logger = new MemoryLogger();
  const compensation = new SagaCompensation(inventory, payment, logger);
  const service = new PlaceOrderService(store, inventory, payment, compensation, clock, logger, TIMING);
  const recovery = new SagaRecoveryService(store, compensation, clock, logger, TIMING);
  return { store, inventory, payment, clock, logger, service, recovery };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof ShopError ? error.code : String(error);
  }
}

const timeout = () => Promise.reject(new ShopError('UPSTREAM.TIMEOUT'));

describe('checkout saga', () => {
  it('reserves, charges and confirms', async () => {
    const { service, inventory, payment } = saga();
    const order = await service.place(ALICE, COMPENSATION, request());
    expect(order.status).toBe('CONFIRMED');
    expect(order.total).toBe(2000);
    expect(inventory.calls).toEqual([`reserve ${order.id}`]);
    expect(payment.calls).toEqual([`charge ${order.id}`]);
  });

  it('refuses a malformed or expired card before locking any stock', async () => {
    const { service, inventory, store } = saga();
    expect(await codeOf(service.place(ALICE, COMPENSATION, request('checkout-key-2', { ...CARD, number: '4242424242424241' })))).toBe('REQUEST.VALIDATION_FAILED');
    expect(await codeOf(service.place(ALICE, COMPENSATION, request('checkout-key-3', { ...CARD, expYear: 2029 })))).toBe('REQUEST.VALIDATION_FAILED');
    expect(inventory.calls).toEqual([]);
    expect(store.orders.size).toBe(0);
  });

  it('after a charge with an unknown outcome, refunds (a tombstone if nothing landed) and releases before cancelling', async () => {
    const { service, inventory, payment, store } = saga();
    payment.onCharge = timeout;
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('UPSTREAM.UNAVAILABLE');
    const [id] = store.orders.keys();
    expect(payment.calls).toEqual([`charge ${id}`, `refund ${id} with ${COMPENSATION}`]);
    expect(inventory.calls).toEqual([`reserve ${id}`, `release ${id} with ${COMPENSATION}`]);
    expect(store.status(id)).toBe('CANCELLED');
  });

  it('after a reservation with an unknown outcome, releases (tombstone) and does not charge', async () => {
    const { service, inventory, payment, store } = saga();
    inventory.onReserve = timeout;
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('UPSTREAM.UNAVAILABLE');
    const [id] = store.orders.keys();
    expect(inventory.calls).toEqual([`reserve ${id}`, `release ${id} with ${COMPENSATION}`]);
    expect(payment.calls).toEqual([]);
    expect(store.status(id)).toBe('CANCELLED');
  });

  it('releases the stock of a declined card and ends PAYMENT_DECLINED without a refund', async () => {
    const { service, inventory, payment, store } = saga();
    payment.onCharge = async (r) => paymentOf(r.orderId, 'DECLINED', 'card_declined');
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('ORDER.PAYMENT_DECLINED');
    const [id] = store.orders.keys();
    expect(inventory.calls).toContain(`release ${id} with ${COMPENSATION}`);
    expect(payment.calls.some((c) => c.startsWith('refund'))).toBe(false);
    expect(store.status(id)).toBe('PAYMENT_DECLINED');
  });

  it('leaves the order PENDING when compensation fails too, and recovery finishes it after the deadline', async () => {
    const { service, payment, store, clock, recovery, inventory } = saga();
    payment.onCharge = timeout;
    payment.failRefunds();
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('UPSTREAM.UNAVAILABLE');
    const [id] = store.orders.keys();
    expect(store.status(id)).toBe('PENDING');
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('ORDER.IN_PROGRESS');

    expect(await recovery.pass()).toBe(0); // not past its deadline yet: the saga may still be running
    clock.advance(TIMING.deadlineMs + 1);
    expect(await recovery.pass()).toBe(0); // payment still down: retried on the next pass
    expect(store.status(id)).toBe('PENDING');

    payment.onRefund = async () => paymentOf(id, 'REFUNDED');
    expect(await recovery.pass()).toBe(1);
    expect(store.status(id)).toBe('CANCELLED');
    expect(inventory.calls.filter((c) => c.startsWith('release')).length).toBeGreaterThanOrEqual(2);
    // Recovery runs outside any request, yet undoes with the order's own compensation passport.
    expect(payment.calls.at(-1)).toBe(`refund ${id} with ${COMPENSATION}`);
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('UPSTREAM.UNAVAILABLE'); // the retry answers the final outcome
  });

  it('never undoes without a compensation passport: such an order stays PENDING for an operator', async () => {
    const { service, payment, inventory, store, clock, recovery, logger } = saga();
    payment.onCharge = timeout;
    expect(await codeOf(service.place(ALICE, null, request()))).toBe('UPSTREAM.UNAVAILABLE');
    clock.advance(TIMING.deadlineMs + 1);
    expect(await recovery.pass()).toBe(0);
    const [id] = store.orders.keys();
    expect(store.status(id)).toBe('PENDING');
    expect(payment.calls.filter((c) => c.startsWith('refund'))).toEqual([]);
    expect(inventory.calls.filter((c) => c.startsWith('release'))).toEqual([]);
    expect(logger.lines.some((l) => l.message.includes('an operator must finish it'))).toBe(true);
  });

  it('once recovery has claimed an order, a confirmation landing during its compensation is refused', async () => {
    const { service, payment, store, clock, recovery } = saga();
    payment.onCharge = timeout;
    payment.failRefunds();
    await codeOf(service.place(ALICE, COMPENSATION, request()));
    const [id] = store.orders.keys();
    clock.advance(TIMING.deadlineMs + 1);
    let lateConfirmation: string | undefined;
    payment.onRefund = async () => {
      // The slow saga's confirmation arrives now, even with a clock that says it is still in time.
      const pending = { id, ownerId: ALICE.sub, createdAt: new Date(0), compensationPassport: COMPENSATION };
      lateConfirmation = (await store.finish(pending, { status: 'CONFIRMED', failure: null, notCreatedBefore: new Date(0) })).status;
      return paymentOf(id, 'REFUNDED');
    };
    expect(await recovery.pass()).toBe(1);
    expect(lateConfirmation).toBe('PENDING');
    expect(store.status(id)).toBe('CANCELLED');
  });

  it('does not confirm once the deadline has passed: recovery may be undoing it, so it compensates instead', async () => {
    const { service, payment, store, clock } = saga();
    payment.onCharge = async (r) => {
      clock.advance(TIMING.deadlineMs + 1);
      return paymentOf(r.orderId, 'APPROVED');
    };
    expect(await codeOf(service.place(ALICE, COMPENSATION, request()))).toBe('UPSTREAM.UNAVAILABLE');
    const [id] = store.orders.keys();
    expect(payment.calls).toContain(`refund ${id} with ${COMPENSATION}`);
    expect(store.status(id)).toBe('CANCELLED');
  });

  it('replays the final outcome for the same key without calling anything again', async () => {
    const { service, inventory, payment } = saga();
    const first = await service.place(ALICE, COMPENSATION, request());
    const again = await service.place(ALICE, COMPENSATION, request());
    expect(again.id).toBe(first.id);
    expect(inventory.calls.length + payment.calls.length).toBe(2);
  });
});
