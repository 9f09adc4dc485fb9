import { AUTH_V1, PAYMENT_V1, rpcPath } from '@shop/contracts';
import { callEdges, downstreamsOf, policyFor, RPC_POLICIES } from './rpc-policies';
import { GRPC_SERVICES, SERVICES } from './services';
import { serviceOfSpiffeId, spiffeIdOf } from './spiffe-id';

describe('topology', () => {
  it('lets only order charge payments', () => {
    const charge = policyFor('payment', rpcPath(PAYMENT_V1, 'Charge'));
    expect(charge?.callers).toEqual(['order']);
    expect(charge?.public).toBe(false);
  });

  it('marks catalogue reads and login public, and nothing that touches user data', () => {
    const publicPaths = RPC_POLICIES.filter((p) => p.public).map((p) => p.path);
    expect(publicPaths).toContain(rpcPath(AUTH_V1, 'Login'));
    expect(publicPaths).toContain('/shop.inventory.v1.InventoryService/ListProducts');
    expect(publicPaths.some((p) => p.includes('OrderService') || p.includes('PaymentService'))).toBe(false);
  });

  it('lets only the gateway import product images, with a passport; the image read is public', () => {
    const importImage = policyFor('inventory', '/shop.inventory.v1.InventoryService/ImportProductImage');
    expect([importImage?.callers, importImage?.public]).toEqual([['gateway'], false]);
    const readImage = policyFor('inventory', '/shop.inventory.v1.InventoryService/GetProductImage');
    expect([readImage?.callers, readImage?.public]).toEqual([['gateway'], true]);
  });

  it('binds every money- or stock-moving RPC to one order and one checkout operation', () => {
    const moving = ['/shop.payment.v1.PaymentService/Charge', '/shop.payment.v1.PaymentService/Refund', '/shop.inventory.v1.InventoryService/ReserveStock', '/shop.inventory.v1.InventoryService/ReleaseStock'];
    expect(RPC_POLICIES.filter((p) => p.bindsOrder).map((p) => p.path).sort()).toEqual([...moving].sort());
    expect(policyFor('payment', moving[0])?.operations).toEqual(['orders.place']);
    expect(policyFor('payment', moving[1])?.operations).toEqual(['orders.compensate']);
  });

  it('gives every non-public RPC at least one operation, and no public one any', () => {
    for (const policy of RPC_POLICIES) expect(policy.operations.length > 0).toBe(!policy.public);
  });

  it('lets a passport for reading an order reach GetOrder and nothing else', () => {
    expect(RPC_POLICIES.filter((p) => p.operations.includes('orders.get')).map((p) => p.method)).toEqual(['GetOrder']);
  });

  it('derives the call graph: gateway -> auth, inventory, order; order -> inventory, payment', () => {
    expect(downstreamsOf('gateway')).toEqual(['auth', 'inventory', 'order']);
    expect(downstreamsOf('order')).toEqual(['inventory', 'payment']);
    expect(downstreamsOf('payment')).toEqual([]);
    expect(callEdges().every((e) => e.port === SERVICES[e.to].grpcPort)).toBe(true);
  });

  it('opens each health check to exactly the callers of that service', () => {
    for (const server of GRPC_SERVICES) {
      const health = policyFor(server, '/grpc.health.v1.Health/Check');
      const callers = new Set(RPC_POLICIES.filter((p) => p.server === server && !p.path.startsWith('/grpc.')).flatMap((p) => p.callers));
      expect(new Set(health?.callers)).toEqual(callers);
    }
  });

  it('maps SPIFFE IDs back to services by exact match only', () => {
    const id = spiffeIdOf('order', 'shop.local');
    expect(id).toBe('spiffe://shop.local/ns/shop/sa/order');
    expect(serviceOfSpiffeId(id, 'shop.local')).toBe('order');
    expect(serviceOfSpiffeId(id, 'cluster.local')).toBeUndefined();
    expect(serviceOfSpiffeId(`${id}/`, 'shop.local')).toBeUndefined();
    expect(serviceOfSpiffeId('spiffe://shop.local/ns/other/sa/order', 'shop.local')).toBeUndefined();
    expect(serviceOfSpiffeId('spiffe://shop.local/ns/shop/sa/mallory', 'shop.local')).toBeUndefined();
  });
});
