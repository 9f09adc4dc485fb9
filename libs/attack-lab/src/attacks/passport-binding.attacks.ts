import { randomUUID } from 'node:crypto';
import { INVENTORY_V1, PAYMENT_V1, type GrpcPackageContract } from '@shop/contracts';
import { blocked, succeeded, type Attack } from '../attack';
import { gatewayPassportSigner, signPassport, type PassportClaims } from '../forge';
import { describeProbe, probeAs, verdictOf, type ProbeResult } from '../grpc-probe';
import type { LabTarget } from '../lab-target';
import type { Scene } from '../scene';
import { chargeOf } from './passport.attacks';

/** A sticker pack: the one demo product with stock for 100 units. */
const STICKERS = '6f1c8a52-0b8e-4c1e-9a51-000000000004';

/**
 * A real passport, signed with the gateway's key: it stands in for one the
 * compromised order service captured while serving Alice. Order's own SVID
 * lets it call payment and inventory; what the passport was minted FOR
 * (operation and order) is all that is left to stop it.
 */
async function captured(target: LabTarget, scene: Scene, claims: Omit<PassportClaims, 'sub'>): Promise<string> {
  return signPassport(target, await gatewayPassportSigner(target), { sub: await scene.aliceId(), ...claims });
}

function asOrder(target: LabTarget, contract: GrpcPackageContract, method: string, request: object, passport?: string): Promise<ProbeResult> {
  const service = contract === PAYMENT_V1 ? 'payment' : 'inventory';
  return probeAs(target.identityOf('order'), target.grpcAddress(service), contract, method, request, passport ? { 'x-passport': passport } : {});
}

/** Passport captured for Alice's `GET /orders/:id`: opens GetOrder, nothing else. */
const readPassport = (target: LabTarget, scene: Scene) => captured(target, scene, { op: 'orders.get' });

/** OWASP API2/API5 on the inside: one captured passport replayed to RPCs its user never asked for. */
export const PASSPORT_BINDING_ATTACKS: readonly Attack[] = [
  {
    id: 'passport-read-replayed-as-charge',
    title: "Compromised order replays Alice's order-read passport to charge 99,999,999 on a made-up order",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const result = await asOrder(target, PAYMENT_V1, 'Charge', chargeOf(randomUUID(), 99_999_999), await readPassport(target, scene));
      return verdictOf(result, 'PASSPORT.WRONG_OPERATION');
    },
  },
  {
    id: 'passport-read-replayed-as-reserve',
    title: "Compromised order replays Alice's order-read passport to reserve 100 units for a made-up order",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const request = { orderId: randomUUID(), lines: [{ productId: STICKERS, quantity: 100 }] };
      return verdictOf(await asOrder(target, INVENTORY_V1, 'ReserveStock', request, await readPassport(target, scene)), 'PASSPORT.WRONG_OPERATION');
    },
  },
  {
    id: 'passport-read-replayed-as-refund',
    title: "Compromised order replays Alice's order-read passport to refund her confirmed order",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const request = { orderId: await scene.aliceOrderId() };
      return verdictOf(await asOrder(target, PAYMENT_V1, 'Refund', request, await readPassport(target, scene)), 'PASSPORT.WRONG_OPERATION');
    },
  },
  {
    id: 'passport-read-replayed-as-release',
    title: "Compromised order replays Alice's order-read passport to release her confirmed order's stock",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const request = { orderId: await scene.aliceOrderId() };
      return verdictOf(await asOrder(target, INVENTORY_V1, 'ReleaseStock', request, await readPassport(target, scene)), 'PASSPORT.WRONG_OPERATION');
    },
  },
  {
    id: 'checkout-passport-reused-for-another-order',
    title: "Compromised order reuses Alice's checkout passport (bound to her order) to charge a second order",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const passport = await captured(target, scene, { op: 'orders.place', orderId: randomUUID() });
      return verdictOf(await asOrder(target, PAYMENT_V1, 'Charge', chargeOf(randomUUID()), passport), 'PASSPORT.WRONG_ORDER');
    },
  },
  {
    id: 'compensation-passport-for-another-order',
    title: "Compromised order uses a stored compensation passport (another order's) to refund Alice's order",
    controls: ['passport-binding'],
    run: async (target, scene) => {
      const passport = await captured(target, scene, { op: 'orders.compensate', orderId: randomUUID(), roles: [], scope: '' });
      return verdictOf(await asOrder(target, PAYMENT_V1, 'Refund', { orderId: await scene.aliceOrderId() }, passport), 'PASSPORT.WRONG_ORDER');
    },
  },
  {
    id: 'compensation-without-passport',
    title: "Compromised order refunds and releases Alice's order with no passport, as saga recovery once could",
    controls: [],
    run: async (target, scene) => {
      const request = { orderId: await scene.aliceOrderId() };
      const results = [await asOrder(target, PAYMENT_V1, 'Refund', request), await asOrder(target, INVENTORY_V1, 'ReleaseStock', request)];
      const refused = results.every((r) => r.kind === 'refused' && r.errorCode === 'PASSPORT.MISSING');
      return (refused ? blocked : succeeded)(results.map(describeProbe).join('; '));
    },
  },
];
