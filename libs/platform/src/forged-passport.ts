import { randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair } from 'jose';
import { PASSPORT, lifetimeOf, passportIssuer } from '@shop/security/passport';
import type { RpcPolicy } from '@shop/topology';

/**
 * A passport right in every claim for `policy` (issuer, audience, type,
 * operation, order, lifetime) and under a kid the verifier trusts, but signed
 * by a key made up on the spot: only the signature check can refuse it. The
 * startup self-check sends it to prove the verifier still checks signatures.
 */
export async function forgedPassport(policy: RpcPolicy, trustDomain: string, trustedKid: string): Promise<string> {
  const { privateKey } = await generateKeyPair(PASSPORT.algorithm);
  const op = policy.operations[0];
  return new SignJWT({ roles: ['customer'], scope: '', op, order_id: randomUUID() })
    .setProtectedHeader({ alg: PASSPORT.algorithm, typ: PASSPORT.type, kid: trustedKid })
    .setIssuer(passportIssuer(trustDomain))
    .setAudience(PASSPORT.audience)
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${lifetimeOf(op)}s`)
    .sign(privateKey);
}
