import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload } from 'jose';
import { SECRET_FILES, SecretFiles, writeFileAtomic } from '@shop/security/secrets';
import { spiffeIdOf } from '@shop/topology';
import { passportFailureReason } from './passport-errors';
import { PassportMinter } from './passport-minter';
import { PASSPORT, passportIssuer } from './passport-profile';
import { PassportVerifier } from './passport-verifier';

const TRUST_DOMAIN = 'shop.local';
const TRACE = 'a'.repeat(32);

interface PrivateJwk extends JWK {
  kid: string;
}

let base: string;
let layouts = 0;
let k1: PrivateJwk;
let k2: PrivateJwk;

async function newKey(kid: string): Promise<PrivateJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
}

function publicOf({ d: _d, ...rest }: PrivateJwk): PrivateJwk {
  return rest;
}

/** SECRETS_DIR with the gateway's signing set and one service's verify set. */
function layout(signing: PrivateJwk[], verifying: PrivateJwk[]): { gateway: SecretFiles; order: SecretFiles } {
  const root = join(base, `layout-${++layouts}`);
  const gateway = new SecretFiles(join(root, 'gateway'));
  const order = new SecretFiles(join(root, 'order'));
  writeFileAtomic(gateway.path(SECRET_FILES.passportSigningKeys), JSON.stringify({ keys: signing }));
  writeFileAtomic(order.path(SECRET_FILES.passportVerifyKeys), JSON.stringify({ keys: verifying.map(publicOf) }), 0o644);
  return { gateway, order };
}

async function setup(signing = [k1], verifying = [k1]) {
  const { gateway, order } = layout(signing, verifying);
  return {
    minter: await PassportMinter.create(gateway, TRUST_DOMAIN, false),
    verifier: new PassportVerifier(order, TRUST_DOMAIN, false),
  };
}

const mintInput = () => ({ sub: randomUUID(), roles: ['customer'], scope: ['orders:read', 'orders:write'], traceId: TRACE, op: 'orders.get' as const });

interface HandMade {
  key?: PrivateJwk;
  header?: Record<string, unknown>;
  claims?: JWTPayload;
}

/** A passport signed by hand: valid by default, with exactly one thing changed by the caller. */
async function handMade({ key = k1, header = {}, claims = {} }: HandMade = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload: JWTPayload = {
    iss: passportIssuer(TRUST_DOMAIN),
    aud: PASSPORT.audience,
    sub: randomUUID(),
    jti: randomUUID(),
    iat: now,
    exp: now + PASSPORT.lifetimeSeconds,
    roles: ['customer'],
    scope: 'orders:read',
    op: 'orders.get',
    ...claims,
  };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', typ: PASSPORT.type, kid: key.kid, ...header })
    .sign(await importJWK(key, 'ES256'));
}

async function reasonOf(verifier: PassportVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    return passportFailureReason(error);
  }
  return 'accepted';
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodePart = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'passport-'));
  [k1, k2] = await Promise.all([newKey('k1'), newKey('k2')]);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('passport round trip', () => {
  it('verifies a minted passport and yields the principal it was minted for', async () => {
    const { minter, verifier } = await setup();
    const { token, principal } = await minter.mint(mintInput());
    await expect(verifier.verify(token)).resolves.toEqual(principal);
    expect(principal.scope).toEqual(['orders:read', 'orders:write']);
  });

  it('accepts a hand-made passport built like the minter builds it (control for the cases below)', async () => {
    const { verifier } = await setup();
    await expect(reasonOf(verifier, await handMade())).resolves.toBe('accepted');
  });
});

describe('passport signature and key', () => {
  it('rejects a token signed by another key under the same kid as bad_signature', async () => {
    const { verifier } = await setup();
    const impostor = await newKey('k1');
    await expect(reasonOf(verifier, await handMade({ key: impostor }))).resolves.toBe('bad_signature');
  });

  it('rejects a kid the verify set does not hold as unknown_kid', async () => {
    const { verifier } = await setup();
    await expect(reasonOf(verifier, await handMade({ header: { kid: 'k1' } }))).resolves.toBe('accepted');
    await expect(reasonOf(verifier, await handMade({ header: { kid: 'k9' } }))).resolves.toBe('unknown_kid');
  });

  it('rejects a changed sub with the original signature as bad_signature', async () => {
    const { minter, verifier } = await setup();
    const { token } = await minter.mint(mintInput());
    const [header, payload, signature] = token.split('.');
    const forged = [header, b64({ ...decodePart(payload), sub: randomUUID() }), signature].join('.');
    await expect(reasonOf(verifier, token)).resolves.toBe('accepted');
    await expect(reasonOf(verifier, forged)).resolves.toBe('bad_signature');
  });

  it.each([
    ['an alg: none token', () => Promise.resolve(`${b64({ alg: 'none', typ: PASSPORT.type, kid: 'k1' })}.${b64({ sub: randomUUID() })}.`)],
    ['an HS256 token keyed with the public JWK', () => hs256WithPublicKey()],
  ])('rejects %s', async (_case, make) => {
    const { verifier } = await setup();
    expect(['alg_not_allowed', 'malformed']).toContain(await reasonOf(verifier, await make()));
  });
});

async function hs256WithPublicKey(): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const secret = new TextEncoder().encode(JSON.stringify(publicOf(k1)));
  return new SignJWT({ roles: ['admin'], scope: '' })
    .setProtectedHeader({ alg: 'HS256', typ: PASSPORT.type, kid: 'k1' })
    .setIssuer(passportIssuer(TRUST_DOMAIN))
    .setAudience(PASSPORT.audience)
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 30)
    .sign(secret);
}

describe('passport claims', () => {
  const now = () => Math.floor(Date.now() / 1000);

  it.each([
    ['expired', 'exp in the past', () => ({ claims: { iat: now() - 40, exp: now() - 10 } })],
    ['wrong_audience', 'the access-token audience', () => ({ claims: { aud: 'https://api.shop.local' } })],
    ['wrong_issuer', 'another workload as issuer', () => ({ claims: { iss: spiffeIdOf('order', TRUST_DOMAIN) } })],
    ['wrong_type', 'typ JWT', () => ({ header: { typ: 'JWT' } })],
    ['too_old', 'iat beyond maxAge, exp in the future', () => ({ claims: { iat: now() - PASSPORT.maxAgeSeconds - 30, exp: now() + 30 } })],
    ['too_old', 'iat 40 s ago (past the 30 s lifetime and 5 s tolerance), exp in the future', () => ({ claims: { iat: now() - 40, exp: now() + 30 } })],
    ['lifetime_too_long', 'exp - iat of an hour for a request passport', () => ({ claims: { iat: now(), exp: now() + 3600 } })],
    ['bad_claims', 'no op', () => ({ claims: { op: undefined } })],
    ['bad_claims', 'an op the topology does not know', () => ({ claims: { op: 'payments.anything' } })],
    ['bad_claims', 'a checkout passport bound to no order', () => ({ claims: { op: 'orders.place' } })],
    ['bad_claims', 'a compensation passport bound to no order', () => ({ claims: { op: 'orders.compensate', exp: now() + 3600 } })],
    ['bad_claims', 'an order_id that is not an order id', () => ({ claims: { op: 'orders.place', order_id: 'not-a-uuid' } })],
    ['bad_claims', 'a sub that is not a user id', () => ({ claims: { sub: 'not-a-uuid' } })],
    ['invalid_iat', 'iat in the future', () => ({ claims: { iat: now() + 120 } })],
    ['invalid_iat', 'no iat', () => ({ claims: { iat: undefined } })],
  ])('reports %s for %s', async (reason, _change, change) => {
    const { verifier } = await setup();
    await expect(reasonOf(verifier, await handMade(change()))).resolves.toBe(reason);
  });
});

describe('passports bound to an operation and an order', () => {
  it('carries op and order_id from the minter to the principal', async () => {
    const { minter, verifier } = await setup();
    const orderId = randomUUID();
    const { token, principal } = await minter.mint({ ...mintInput(), op: 'orders.place', orderId });
    await expect(verifier.verify(token)).resolves.toEqual(principal);
    expect([principal.op, principal.orderId]).toEqual(['orders.place', orderId]);
  });

  it('lets a compensation passport live a week, and nothing else longer than 30 s', async () => {
    const { minter, verifier } = await setup();
    const { token } = await minter.mint({ ...mintInput(), op: 'orders.compensate', orderId: randomUUID() });
    const { iat, exp } = decodePart(token.split('.')[1]) as { iat: number; exp: number };
    expect(exp - iat).toBe(PASSPORT.compensationLifetimeSeconds);
    await expect(reasonOf(verifier, token)).resolves.toBe('accepted');
    const now = Math.floor(Date.now() / 1000);
    const dayOld = await handMade({ claims: { op: 'orders.compensate', order_id: randomUUID(), iat: now - 86_400, exp: now + 3600 } });
    await expect(reasonOf(verifier, dayOld)).resolves.toBe('accepted');
    expect(PASSPORT.maxAgeSeconds).toBe(PASSPORT.lifetimeSeconds);
  });
});

describe('passport key rotation', () => {
  it('verifies tokens from both keys while the verify set holds both', async () => {
    const before = await setup([k1], [k1, k2]);
    const after = await setup([k2, k1], [k1, k2]);
    const old = await before.minter.mint(mintInput());
    const fresh = await after.minter.mint(mintInput());
    await expect(before.verifier.verify(old.token)).resolves.toEqual(old.principal);
    await expect(before.verifier.verify(fresh.token)).resolves.toEqual(fresh.principal);
  });

  it('rejects the retired key once it has left the verify set', async () => {
    const { minter } = await setup([k1], [k1]);
    const { verifier } = await setup([k2], [k2]);
    await expect(reasonOf(verifier, (await minter.mint(mintInput())).token)).resolves.toBe('unknown_kid');
  });
});

describe('decodeWithoutVerification (lab mode hole)', () => {
  it('accepts a forged passport that verify() rejects', async () => {
    const { verifier } = await setup();
    const attacker = await newKey('k1');
    const victim = randomUUID();
    const forged = await handMade({ key: attacker, claims: { sub: victim, roles: ['admin'] } });
    await expect(reasonOf(verifier, forged)).resolves.toBe('bad_signature');
    expect(verifier.decodeWithoutVerification(forged)).toMatchObject({ sub: victim, roles: ['admin'] });
  });
});
