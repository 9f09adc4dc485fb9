import { randomUUID } from 'node:crypto';
import { PAYMENT_V1 } from '@shop/contracts';
import { DEV_PKI_FILES, issueLeafCertificate, loadCertificateAuthority } from '@shop/security/pki';
import { spiffeIdOf } from '@shop/topology';
import { blocked, succeeded, type Attack, type AttackResult } from '../attack';
import { gatewayPassportSigner, signPassport } from '../forge';
import { describeProbe, probe, probeAs, verdictOf, type ProbeCredentials } from '../grpc-probe';
import type { LabTarget } from '../lab-target';
import type { Scene } from '../scene';
import { chargeOf } from './passport.attacks';
import { TRANSPORT_CASES, expectServing, meshCa } from './transport-credentials';

/** A checkout passport as it would be captured in flight (minted with the gateway's key), bound to `orderId`. */
async function capturedPassport(target: LabTarget, scene: Scene, orderId: string): Promise<string> {
  return signPassport(target, await gatewayPassportSigner(target), { sub: await scene.bobId(), op: 'orders.place', orderId });
}

/**
 * Calls payment Charge with the given credentials. Reaching the handler
 * (any application answer) means the transport let the attacker in. Without
 * mTLS in lab mode the attacker simply speaks plaintext instead.
 */
async function reachPayment(target: LabTarget, scene: Scene, credentials: ProbeCredentials): Promise<AttackResult> {
  await expectServing(target, 'payment');
  const orderId = randomUUID();
  const passport = await capturedPassport(target, scene, orderId);
  const attempts = [credentials, { mode: 'plaintext' } as const];
  const results = [];
  for (const attempt of attempts) {
    const result = await probe(target.grpcAddress('payment'), PAYMENT_V1, 'Charge', chargeOf(orderId, 999), attempt, { 'x-passport': passport });
    if (result.kind !== 'transport_failure') return succeeded(`${attempt.mode}: ${describeProbe(result)}`);
    results.push(`${attempt.mode}: ${describeProbe(result)}`);
  }
  return blocked(results.join('; '));
}

/** Calls Charge as a workload holding this certificate (or claiming its identity without mTLS). */
async function chargeWith(target: LabTarget, scene: Scene, cert: Buffer, key: Buffer, spiffeId: string): Promise<AttackResult> {
  const orderId = randomUUID();
  const result = await probeAs({ cert, key, ca: meshCa(target), spiffeId }, target.grpcAddress('payment'), PAYMENT_V1, 'Charge', chargeOf(orderId, 999), {
    'x-passport': await capturedPassport(target, scene, orderId),
  });
  return verdictOf(result, 'PEER.DENIED');
}

export const TRANSPORT_ATTACKS: readonly Attack[] = [
  {
    id: 'mtls-plaintext-client',
    title: 'Plaintext gRPC client calls payment Charge',
    controls: ['mtls'],
    run: (target, scene) => reachPayment(target, scene, { mode: 'plaintext' }),
  },
  {
    id: 'mtls-no-client-certificate',
    title: 'TLS client without a certificate calls payment Charge',
    controls: ['mtls'],
    run: async (target, scene) => reachPayment(target, scene, await TRANSPORT_CASES['no-client-certificate'](target)),
  },
  {
    id: 'mtls-foreign-ca',
    title: "Certificate from the attacker's own CA, claiming order's SPIFFE ID",
    controls: ['mtls'],
    run: async (target, scene) => reachPayment(target, scene, await TRANSPORT_CASES['foreign-ca'](target)),
  },
  {
    id: 'mtls-expired-svid',
    title: "An expired SVID of order's, issued by the real CA",
    controls: ['mtls'],
    run: async (target, scene) => reachPayment(target, scene, await TRANSPORT_CASES['expired-svid'](target)),
  },
  {
    id: 'mtls-tls12-client',
    title: "order's valid SVID, but a client that only speaks TLS 1.2",
    controls: ['mtls'],
    run: async (target, scene) => reachPayment(target, scene, await TRANSPORT_CASES['tls12-only'](target)),
  },
  {
    id: 'peer-authz-wrong-identity',
    title: 'Compromised inventory (valid SVID) calls payment Charge',
    controls: ['peer-authz'],
    run: (target, scene) => {
      const inventory = target.identityOf('inventory');
      return chargeWith(target, scene, inventory.cert, inventory.key, inventory.spiffeId);
    },
  },
  {
    id: 'peer-authz-two-uri-sans',
    title: 'A mis-issued certificate naming both order and payment',
    controls: ['peer-authz'],
    run: async (target, scene) => {
      const ca = await loadCertificateAuthority(meshCa(target).toString(), target.pkiFile(DEV_PKI_FILES.meshCaKey).toString());
      const leaf = await issueLeafCertificate(ca, { uris: [spiffeIdOf('order', target.trustDomain), spiffeIdOf('payment', target.trustDomain)] });
      return chargeWith(target, scene, Buffer.from(leaf.certPem), Buffer.from(leaf.keyPem), spiffeIdOf('order', target.trustDomain));
    },
  },
];
