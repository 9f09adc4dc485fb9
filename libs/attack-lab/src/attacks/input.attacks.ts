import { randomUUID } from 'node:crypto';
import { DEMO_PRODUCT_IDS } from '@shop/contracts';
import { blocked, succeeded, type Attack } from '../attack';
import { GOOD_CARD } from '../scene';

/** OWASP API3 (BOPLA): fields a client must never be able to set. */
export const INPUT_ATTACKS: readonly Attack[] = [
  {
    id: 'mass-assignment-register-admin',
    title: 'Register with "roles": ["admin"], then read every order',
    controls: ['mass-assignment'],
    run: async (target) => {
      const email = `mallory-${randomUUID().slice(0, 8)}@lab.local`;
      const password = `pw-${randomUUID()}`;
      const register = await target.api.post('/api/v1/auth/register', { email, password, displayName: 'Mallory', roles: ['admin'] });
      if (register.status !== 202) return blocked(`${register.status} ${String(register.body['code'])}`);
      const { accessToken } = await target.api.login(email, password);
      const admin = await target.api.get('/api/v1/admin/orders', { token: accessToken });
      return admin.status === 200 ? succeeded('registered as admin; admin order list readable') : blocked(`registered, but admin list answered ${admin.status}`);
    },
  },
  {
    id: 'mass-assignment-order-fields',
    title: 'Create an order that also sets status, ownerId, price and total',
    controls: ['mass-assignment'],
    run: async (target, scene) => {
      const response = await target.api.post(
        '/api/v1/orders',
        {
          items: [{ productId: DEMO_PRODUCT_IDS.mug, quantity: 1, price: 1 }],
          payment: GOOD_CARD,
          status: 'CONFIRMED',
          ownerId: await scene.aliceId(),
          total: 1,
        },
        { token: await scene.bobToken(), headers: { 'Idempotency-Key': `lab-${randomUUID()}` } },
      );
      return response.status === 400
        ? blocked(`400 ${String(response.body['code'])}`)
        : succeeded(`${response.status}: the extra fields were accepted (the typed gRPC contract then dropped them)`);
    },
  },
];
