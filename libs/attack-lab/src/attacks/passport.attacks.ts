import { randomUUID } from 'node:crypto';
import { PAYMENT_V1 } from '@shop/contracts';
import type { Attack, AttackResult } from '../attack';
import { attackerSigner, gatewayPassportSigner, signPassport, tamperPayload } from '../forge';
import { probeAs, verdictOf } from '../grpc-probe';
import type { LabTarget } from '../lab-target';
import { GOOD_CARD } from '../scene';

/**
 * The scenario of every passport attack: the ORDER service is compromised.
 * The attacker holds order's real SVID (so mTLS and the allow-list let it
 * call payment) and wants payment to act for a user of its choosing.
 */
async function chargeAsCompromisedOrder(target: LabTarget, passport: string): Promise<AttackResult> {
  const result = await probeAs(
    target.identityOf('order'),
    target.grpcAddress('payment'),
    PAYMENT_V1,
    'Charge',
    { orderId: randomUUID(), amount: 4200, currency: 'EUR', card: { number: GOOD_CARD.cardNumber, expMonth: GOOD_CARD.expMonth, expYear: GOOD_CARD.expYear, cvc: GOOD_CARD.cvc } },
    { 'x-passport': passport },
  );
  return verdictOf(result, 'PASSPORT.INVALID');
}

export const PASSPORT_ATTACKS: readonly Attack[] = [
  {
    id: 'passport-forged-by-order',
    title: 'Compromised order mints its own passport for Alice (its own key, the gateway kid)',
    controls: ['passport'],
    run: async (target, scene) => {
      const gateway = await gatewayPassportSigner(target);
      const forged = await signPassport(target, await attackerSigner(gateway.kid), { sub: await scene.aliceId() });
      return chargeAsCompromisedOrder(target, forged);
    },
  },
  {
    id: 'passport-sub-changed',
    title: "Compromised order rewrites a captured passport's subject from Bob to Alice",
    controls: ['passport'],
    run: async (target, scene) => {
      const captured = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId() });
      return chargeAsCompromisedOrder(target, tamperPayload(captured, { sub: await scene.aliceId() }));
    },
  },
  {
    id: 'passport-expired',
    title: 'Compromised order replays an expired passport',
    controls: ['passport'],
    run: async (target, scene) => {
      const stale = await signPassport(target, await gatewayPassportSigner(target), { sub: await scene.aliceId(), issuedAt: -600, expiresIn: 30 });
      return chargeAsCompromisedOrder(target, stale);
    },
  },
];
