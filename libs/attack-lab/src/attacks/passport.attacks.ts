import { randomUUID } from 'node:crypto';
import { PAYMENT_V1 } from '@shop/contracts';
import type { Attack, AttackResult } from '../attack';
import { attackerSigner, gatewayPassportSigner, signPassport, tamperPayload } from '../forge';
import { probeAs, verdictOf } from '../grpc-probe';
import type { LabTarget } from '../lab-target';
import { GOOD_CARD } from '../scene';

/** A charge as order sends it in a checkout (the card is the request's, the order id the passport's). */
export function chargeOf(orderId: string, amount = 4200) {
  const { cardNumber, ...card } = GOOD_CARD;
  return { orderId, amount, currency: 'EUR', card: { number: cardNumber, ...card } };
}

/**
 * The scenario of every passport attack: the ORDER service is compromised.
 * The attacker holds order's real SVID (so mTLS and the allow-list let it
 * call payment) and wants payment to act for a user of its choosing. Each
 * passport here is a checkout passport bound to the charged order, so what
 * is tested is its signature and age, not its purpose (passport-binding).
 */
async function chargeAsCompromisedOrder(target: LabTarget, orderId: string, passport: string): Promise<AttackResult> {
  const result = await probeAs(target.identityOf('order'), target.grpcAddress('payment'), PAYMENT_V1, 'Charge', chargeOf(orderId), { 'x-passport': passport });
  return verdictOf(result, 'PASSPORT.INVALID');
}

export const PASSPORT_ATTACKS: readonly Attack[] = [
  {
    id: 'passport-forged-by-order',
    title: 'Compromised order mints its own passport for Alice (its own key, the gateway kid)',
    controls: ['passport'],
    run: async (target, scene) => {
      const gateway = await gatewayPassportSigner(target);
      const orderId = randomUUID();
      const forged = await signPassport(target, await attackerSigner(gateway.kid), { sub: await scene.aliceId(), op: 'orders.place', orderId });
      return chargeAsCompromisedOrder(target, orderId, forged);
    },
  },
  {
    id: 'passport-sub-changed',
    title: "Compromised order rewrites a captured passport's subject from Bob to Alice",
    controls: ['passport'],
    run: async (target, scene) => {
      const orderId = randomUUID();
      const captured = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId(), op: 'orders.place', orderId });
      return chargeAsCompromisedOrder(target, orderId, tamperPayload(captured, { sub: await scene.aliceId() }));
    },
  },
  {
    id: 'passport-expired',
    title: 'Compromised order replays an expired passport',
    controls: ['passport'],
    run: async (target, scene) => {
      const orderId = randomUUID();
      const stale = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.aliceId(), op: 'orders.place', orderId, issuedAt: -600, expiresIn: 30 });
      return chargeAsCompromisedOrder(target, orderId, stale);
    },
  },
];
