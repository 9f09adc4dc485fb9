import { randomBytes, randomUUID } from 'node:crypto';
import { generateKeyPair } from 'jose';
import { PASSPORT, passportIssuer, signPassportWith } from '@shop/security/passport';
import type { RpcPolicy } from '@shop/topology';

/**
 * The passport the gateway would mint for `policy` (same header and claims,
 * through the minter's own `signPassportWith`) under a kid the verifier
 * trusts, but signed by a key made up on the spot: only the signature check
 * can refuse it. The startup self-check sends it to prove the verifier still
 * checks signatures.
 */
export async function forgedPassport(policy: RpcPolicy, trustDomain: string, trustedKid: string): Promise<string> {
  const { privateKey } = await generateKeyPair(PASSPORT.algorithm);
  const input = { sub: randomUUID(), roles: ['customer'], scope: [], traceId: randomBytes(16).toString('hex'), op: policy.operations[0], orderId: randomUUID() };
  return (await signPassportWith({ kid: trustedKid, key: privateKey }, passportIssuer(trustDomain), input)).token;
}
