import { Metadata } from '@grpc/grpc-js';
import { INVENTORY_V1, ORDER_V1, PAYMENT_V1, ShopError, rpcPath, type Principal } from '@shop/contracts';
import type { InboundCall } from '@shop/grpc';
import { captureSecurityEvents } from '@shop/testing';
import type { ServiceName } from '@shop/topology';
import { PassportGuard } from './passport.guard';
import type { PassportVerifier } from './passport-verifier';

const ALICE = '11111111-1111-4111-8111-111111111111';
const ORDER = '22222222-2222-4222-8222-222222222222';

/**
 * Verification itself is passport-verifier.spec.ts's subject; here a token
 * simply names the principal it stands for, so the cases are about what the
 * guard does with a verified passport: operation, compensation passport.
 */
const PRINCIPALS: Record<string, Principal> = {
  read: { sub: ALICE, roles: ['customer'], scope: ['orders:read'], jti: 'j1', op: 'orders.get' },
  checkout: { sub: ALICE, roles: ['customer'], scope: ['orders:write'], jti: 'j2', op: 'orders.place', orderId: ORDER },
  compensation: { sub: ALICE, roles: [], scope: [], jti: 'j3', op: 'orders.compensate', orderId: ORDER },
  otherCompensation: { sub: ALICE, roles: [], scope: [], jti: 'j4', op: 'orders.compensate', orderId: '33333333-3333-4333-8333-333333333333' },
};
const verifier = { verify: async (token: string) => PRINCIPALS[token], decodeWithoutVerification: (token: string) => PRINCIPALS[token] } as unknown as PassportVerifier;

function inbound(path: string, metadata: Record<string, string>): InboundCall {
  const md = new Metadata();
  for (const [key, value] of Object.entries(metadata)) md.set(key, value);
  return { path, metadata: md, call: {} as never, context: { requestId: 'r-12345678', traceparent: '00-'.padEnd(55, '0') } };
}

async function admit(server: ServiceName, path: string, metadata: Record<string, string> = {}, bindingEnforced = true) {
  const { events } = captureSecurityEvents(server);
  const guard = new PassportGuard({ server, verifier, enforced: true, bindingEnforced, events });
  const call = inbound(path, metadata);
  try {
    await guard.admit(call);
    return { outcome: 'admitted', context: call.context };
  } catch (error) {
    return { outcome: error instanceof ShopError ? error.code : String(error), context: call.context };
  }
}

const outcome = async (...args: Parameters<typeof admit>) => (await admit(...args)).outcome;
const refund = rpcPath(PAYMENT_V1, 'Refund');
const release = rpcPath(INVENTORY_V1, 'ReleaseStock');
const charge = rpcPath(PAYMENT_V1, 'Charge');

describe('PassportGuard without a passport', () => {
  it('refuses everything that is not public, compensating RPCs included (no passport-less saga recovery)', async () => {
    expect(await outcome('payment', refund)).toBe('PASSPORT.MISSING');
    expect(await outcome('inventory', release)).toBe('PASSPORT.MISSING');
    expect(await outcome('payment', charge)).toBe('PASSPORT.MISSING');
    expect(await outcome('inventory', rpcPath(INVENTORY_V1, 'ReserveStock'))).toBe('PASSPORT.MISSING');
  });
});

describe('PassportGuard operations', () => {
  it('admits a passport only on the RPCs that declare its operation', async () => {
    expect(await outcome('order', rpcPath(ORDER_V1, 'GetOrder'), { 'x-passport': 'read' })).toBe('admitted');
    expect(await outcome('payment', charge, { 'x-passport': 'read' })).toBe('PASSPORT.WRONG_OPERATION');
    expect(await outcome('payment', refund, { 'x-passport': 'read' })).toBe('PASSPORT.WRONG_OPERATION');
    expect(await outcome('payment', charge, { 'x-passport': 'checkout' })).toBe('admitted');
    // A checkout passport cannot undo; only the compensation passport can.
    expect(await outcome('payment', refund, { 'x-passport': 'checkout' })).toBe('PASSPORT.WRONG_OPERATION');
    expect(await outcome('payment', refund, { 'x-passport': 'compensation' })).toBe('admitted');
    expect(await outcome('order', rpcPath(ORDER_V1, 'AdminListOrders'), { 'x-passport': 'compensation' })).toBe('PASSPORT.WRONG_OPERATION');
  });

  it('with passport-binding switched off (lab), admits any operation and waives the order check', async () => {
    const { outcome: result, context } = await admit('payment', charge, { 'x-passport': 'read' }, false);
    expect(result).toBe('admitted');
    expect(context.passportBindingWaived).toBe(true);
  });
});

describe('PassportGuard compensation passport', () => {
  const place = rpcPath(ORDER_V1, 'PlaceOrder');

  it('keeps the compensation passport of the same user and order for order to store', async () => {
    const { outcome: result, context } = await admit('order', place, { 'x-passport': 'checkout', 'x-compensation-passport': 'compensation' });
    expect(result).toBe('admitted');
    expect(context.compensationPassport).toBe('compensation');
  });

  it("refuses one for another order, or a passport that is not a compensation passport", async () => {
    expect(await outcome('order', place, { 'x-passport': 'checkout', 'x-compensation-passport': 'otherCompensation' })).toBe('PASSPORT.INVALID');
    expect(await outcome('order', place, { 'x-passport': 'checkout', 'x-compensation-passport': 'read' })).toBe('PASSPORT.INVALID');
  });
});
