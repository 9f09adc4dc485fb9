import { Metadata } from '@grpc/grpc-js';
import { INVENTORY_V1, PAYMENT_V1, ShopError, rpcPath } from '@shop/contracts';
import type { InboundCall } from '@shop/grpc';
import { captureSecurityEvents } from '@shop/testing';
import type { ServiceName } from '@shop/topology';
import { PassportGuard } from './passport.guard';
import type { PassportVerifier } from './passport-verifier';

/** Never reached in these tests: they are about calls that carry no passport at all. */
const verifier = {} as PassportVerifier;

function inbound(path: string): InboundCall {
  return { path, metadata: new Metadata(), call: {} as never, context: { requestId: 'r-12345678', traceparent: '00-'.padEnd(55, '0') } };
}

async function admit(server: ServiceName, path: string): Promise<string> {
  const { events } = captureSecurityEvents(server);
  const guard = new PassportGuard({ server, verifier, enforced: true, events });
  try {
    await guard.admit(inbound(path));
    return 'admitted';
  } catch (error) {
    return error instanceof ShopError ? error.code : String(error);
  }
}

describe('PassportGuard without a passport', () => {
  it('admits only the compensating RPCs the topology marks for saga recovery', async () => {
    expect(await admit('payment', rpcPath(PAYMENT_V1, 'Refund'))).toBe('admitted');
    expect(await admit('inventory', rpcPath(INVENTORY_V1, 'ReleaseStock'))).toBe('admitted');
  });

  it('refuses everything else that is not public, charges and reservations included', async () => {
    expect(await admit('payment', rpcPath(PAYMENT_V1, 'Charge'))).toBe('PASSPORT.MISSING');
    expect(await admit('inventory', rpcPath(INVENTORY_V1, 'ReserveStock'))).toBe('PASSPORT.MISSING');
  });
});
