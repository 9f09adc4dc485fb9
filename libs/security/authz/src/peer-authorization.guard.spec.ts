import { Metadata } from '@grpc/grpc-js';
import { ORDER_V1, PAYMENT_V1, ShopError, rpcPath } from '@shop/contracts';
import type { InboundCall } from '@shop/grpc';
import { requestContext, type ShopMetrics } from '@shop/observability';
import type { SecurityEvents } from '@shop/security/audit';
import { captureSecurityEvents } from '@shop/testing';
import { spiffeIdOf } from '@shop/topology';
import { PeerAuthorizationGuard } from './peer-authorization.guard';

const TRUST_DOMAIN = 'shop.local';
const CHARGE = rpcPath(PAYMENT_V1, 'Charge');
const ORDER = spiffeIdOf('order', TRUST_DOMAIN);
const INVENTORY = spiffeIdOf('inventory', TRUST_DOMAIN);

let lines: Record<string, unknown>[];
let metrics: ShopMetrics;
let events: SecurityEvents;

beforeEach(() => {
  ({ lines, metrics, events } = captureSecurityEvents('payment'));
});

function inbound(path: string, peer?: string, peerProblem?: string): InboundCall {
  const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
  return { path, metadata: new Metadata(), call: {} as never, context: { requestId: 'r-12345678', traceparent, peer }, peerProblem };
}

/** Runs the guard the way the gRPC server does (inside the request context); returns the refusal code or 'admitted'. */
function admit(guard: PeerAuthorizationGuard, call: InboundCall): string {
  try {
    requestContext.run(call.context, () => guard.admit(call));
    return 'admitted';
  } catch (error) {
    if (error instanceof ShopError) return error.code;
    throw error;
  }
}

async function securityEventCount(event: string, reason: string): Promise<number> {
  const text = await metrics.registry.getSingleMetricAsString('shop_security_events_total');
  const sample = text
    .split('\n')
    .find((line) => line.startsWith('shop_security_events_total{') && line.includes(`event="${event}"`) && line.includes(`reason="${reason}"`));
  return sample ? Number(sample.split(' ').at(-1)) : 0;
}

const guard = (enforced = true) => new PeerAuthorizationGuard({ server: 'payment', trustDomain: TRUST_DOMAIN, enforced, events });

describe('PeerAuthorizationGuard allows', () => {
  it('order to call payment Charge, silently', async () => {
    expect(admit(guard(), inbound(CHARGE, ORDER))).toBe('admitted');
    expect(lines).toEqual([]);
    expect(await securityEventCount('peer_denied', 'not_allowed')).toBe(0);
  });
});

describe('PeerAuthorizationGuard refuses', () => {
  it.each([
    ['inventory calling Charge', () => inbound(CHARGE, INVENTORY), 'not_allowed', INVENTORY],
    ['order from another trust domain', () => inbound(CHARGE, spiffeIdOf('order', 'evil.local')), 'not_allowed', spiffeIdOf('order', 'evil.local')],
    ['an RPC payment does not serve', () => inbound(rpcPath(ORDER_V1, 'PlaceOrder'), ORDER), 'unknown_rpc', ORDER],
    ['an unknown method of PaymentService', () => inbound('/shop.payment.v1.PaymentService/ChargeAll', ORDER), 'unknown_rpc', ORDER],
    ['a caller whose certificate had two URI SANs', () => inbound(CHARGE, undefined, 'multiple_uri_sans'), 'multiple_uri_sans', null],
    ['a caller with no identity at all', () => inbound(CHARGE), 'no_identity', null],
  ])('%s with PEER.DENIED and a peer_denied event', async (_case, call, reason, peer) => {
    const refused = call();
    expect(admit(guard(), refused)).toBe('PEER.DENIED');

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'warn',
      service: 'payment',
      securityEvent: 'peer_denied',
      reason,
      peer,
      correlationId: 'r-12345678',
      detail: { rpc: refused.path },
    });
    expect(await securityEventCount('peer_denied', reason)).toBe(1);
  });
});

describe('PeerAuthorizationGuard with enforced: false (lab mode)', () => {
  it.each([
    ['inventory calling Charge', () => inbound(CHARGE, INVENTORY)],
    ['an unknown RPC', () => inbound('/shop.payment.v1.PaymentService/ChargeAll', ORDER)],
    ['a caller whose certificate had two URI SANs', () => inbound(CHARGE, undefined, 'multiple_uri_sans')],
    ['a caller with no identity at all', () => inbound(CHARGE)],
  ])('lets %s through without an event', async (_case, call) => {
    expect(admit(guard(true), call())).toBe('PEER.DENIED');
    lines.length = 0;
    metrics.securityEvents.reset();

    expect(admit(guard(false), call())).toBe('admitted');
    expect(lines).toEqual([]);
    expect(await metrics.registry.getSingleMetricAsString('shop_security_events_total')).not.toContain('peer_denied');
  });
});
