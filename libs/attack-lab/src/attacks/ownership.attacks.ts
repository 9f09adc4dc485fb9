import { ORDER_V1, PAYMENT_V1 } from '@shop/contracts';
import { blocked, httpVerdict, succeeded, type Attack } from '../attack';
import { gatewayPassportSigner, signPassport } from '../forge';
import { describeProbe, probeAs, verdictOf } from '../grpc-probe';
import { GOOD_CARD } from '../scene';

/** OWASP API1 (BOLA): Bob, a legitimate customer, goes after Alice's order. */
export const OWNERSHIP_ATTACKS: readonly Attack[] = [
  {
    id: 'bola-read-order',
    title: "Bob reads Alice's order by its id",
    controls: ['ownership', 'rls'],
    run: async (target, scene) => {
      const response = await target.api.get(`/api/v1/orders/${await scene.aliceOrderId()}`, { token: await scene.bobToken() });
      if (response.status === 200) return succeeded(`200, Alice's order ${String(response.body['id'])}`);
      return httpVerdict(response.status, response.body['code'], 'ORDER.NOT_FOUND');
    },
  },
  {
    id: 'bola-list-orders',
    title: "Bob's order list shows Alice's orders",
    controls: ['ownership', 'rls'],
    run: async (target, scene) => {
      const aliceOrder = await scene.aliceOrderId();
      const response = await target.api.get<{ items?: Array<{ id: string }> }>('/api/v1/orders', { token: await scene.bobToken() });
      const leaked = (response.body.items ?? []).some((order) => order.id === aliceOrder);
      return leaked ? succeeded(`Alice's order ${aliceOrder} is in Bob's list`) : blocked(`${response.status}, ${response.body.items?.length ?? 0} orders, none of Alice's`);
    },
  },
  {
    id: 'bola-refund-other-users-payment',
    title: "Bob's passport, via a compromised order service, refunds Alice's payment",
    controls: ['ownership', 'rls'],
    run: async (target, scene) => {
      // Bound to Alice's order (as if the gateway had minted it so): only the owner check is left.
      const orderId = await scene.aliceOrderId();
      const bobsPassport = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId(), op: 'orders.compensate', orderId });
      const result = await probeAs(target.identityOf('order'), target.grpcAddress('payment'), PAYMENT_V1, 'Refund', { orderId }, {
        'x-passport': bobsPassport,
      });
      return verdictOf(result, 'PAYMENT.NOT_FOUND');
    },
  },
  {
    id: 'bola-charge-other-users-order',
    title: "Bob's passport, via a compromised order service, charges against Alice's order id",
    controls: ['ownership', 'rls'],
    run: async (target, scene) => {
      const orderId = await scene.aliceOrderId();
      const bobsPassport = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId(), op: 'orders.place', orderId });
      const card = { number: GOOD_CARD.cardNumber, expMonth: GOOD_CARD.expMonth, expYear: GOOD_CARD.expYear, cvc: GOOD_CARD.cvc };
      const result = await probeAs(target.identityOf('order'), target.grpcAddress('payment'), PAYMENT_V1, 'Charge', { orderId, amount: 1, currency: 'EUR', card }, {
        'x-passport': bobsPassport,
      });
      // Anything but "not found" tells Bob that Alice's order exists and was paid
      // (a replayed payment, or a conflict with its amount).
      const hidden = result.kind === 'refused' && result.errorCode === 'PAYMENT.NOT_FOUND';
      return hidden ? blocked(describeProbe(result)) : succeeded(describeProbe(result));
    },
  },
];

/** OWASP API5 (BFLA): a customer calls admin functions. */
export const FUNCTION_AUTHZ_ATTACKS: readonly Attack[] = [
  {
    id: 'bfla-admin-route',
    title: 'Bob calls GET /api/v1/admin/orders',
    controls: ['rbac'],
    run: async (target, scene) => {
      const response = await target.api.get('/api/v1/admin/orders', { token: await scene.bobToken() });
      if (response.status === 200) return succeeded("200, every user's orders");
      return httpVerdict(response.status, response.body['code'], 'AUTH.FORBIDDEN');
    },
  },
  {
    id: 'bfla-admin-rpc',
    title: "AdminListOrders called directly with Bob's passport (compromised gateway identity)",
    controls: ['rbac'],
    run: async (target, scene) => {
      const bobsPassport = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId(), op: 'admin.orders.list' });
      const result = await probeAs(target.identityOf('gateway'), target.grpcAddress('order'), ORDER_V1, 'AdminListOrders', { limit: 10 }, {
        'x-passport': bobsPassport,
      });
      return verdictOf(result, 'AUTH.FORBIDDEN');
    },
  },
];
