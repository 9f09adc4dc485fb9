import { createPublicKey, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import jwt from 'jsonwebtoken';
import { SECRET_FILES, SecretError, SecretFiles, writeFileAtomic, type EcJwk } from '@shop/security/secrets';
import { AccessTokenIssuer } from './access-token-issuer';
import { ACCESS_TOKEN } from './access-token-profile';

let base: string;
let dirs = 0;

async function privateJwk(kid: string): Promise<EcJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' } as EcJwk;
}

async function issuerWith(...kids: string[]): Promise<{ issuer: AccessTokenIssuer; keys: EcJwk[] }> {
  const keys = await Promise.all(kids.map(privateJwk));
  const files = new SecretFiles(join(base, `auth-${++dirs}`));
  writeFileAtomic(files.path(SECRET_FILES.accessTokenKeys), JSON.stringify({ keys }));
  return { issuer: await AccessTokenIssuer.create(files, false), keys };
}

const publicKeyOf = (jwk: EcJwk) => createPublicKey({ key: { ...jwk }, format: 'jwk' });

function verifyAsGateway(token: string, jwk: EcJwk, options: jwt.VerifyOptions = {}): jwt.JwtPayload {
  return jwt.verify(token, publicKeyOf(jwk), {
    algorithms: ['ES256'],
    issuer: ACCESS_TOKEN.issuer,
    audience: ACCESS_TOKEN.audience,
    ...options,
  }) as jwt.JwtPayload;
}

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'access-token-issuer-'));
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

describe('AccessTokenIssuer tokens', () => {
  it('verify under the gateway pins with the published key of the first kid', async () => {
    const { issuer } = await issuerWith('current', 'previous');
    const sub = randomUUID();
    const issued = await issuer.issue(sub, { roles: ['customer'], scope: ['orders:read', 'orders:write'] });
    const current = issuer.jwks().find((k) => k.kid === 'current') as EcJwk;

    const payload = verifyAsGateway(issued.token, current);
    expect(payload).toMatchObject({ sub, jti: issued.jti, roles: ['customer'], scope: 'orders:read orders:write' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(ACCESS_TOKEN.lifetimeSeconds);
    expect(issued.expiresIn).toBe(ACCESS_TOKEN.lifetimeSeconds);
    expect(jwt.decode(issued.token, { complete: true })?.header).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: 'current' });
  });

  it('do not verify under another key, audience or issuer', async () => {
    const { issuer } = await issuerWith('current', 'previous');
    const { token } = await issuer.issue(randomUUID(), { roles: [], scope: [] });
    const [current, previous] = issuer.jwks();
    expect(() => verifyAsGateway(token, current)).not.toThrow();
    expect(() => verifyAsGateway(token, previous)).toThrow(jwt.JsonWebTokenError);
    expect(() => verifyAsGateway(token, current, { audience: 'https://other.example' })).toThrow(jwt.JsonWebTokenError);
    expect(() => verifyAsGateway(token, current, { issuer: 'https://other.example' })).toThrow(jwt.JsonWebTokenError);
  });
});

describe('AccessTokenIssuer JWKS', () => {
  it('publishes every key of the set, and never the private part', async () => {
    const { issuer, keys } = await issuerWith('current', 'previous');
    expect(keys.every((k) => typeof k.d === 'string')).toBe(true);
    const jwks = issuer.jwks();
    expect(jwks.map((k) => k.kid)).toEqual(['current', 'previous']);
    for (const key of jwks) {
      expect(key).not.toHaveProperty('d');
      expect(publicKeyOf(key).type).toBe('public');
    }
    expect(JSON.stringify(jwks)).not.toContain(keys[0].d as string);
  });
});

describe('AccessTokenIssuer key loading', () => {
  it('refuses a dev kid when refuseDevMaterial is set', async () => {
    const files = new SecretFiles(join(base, `auth-${++dirs}`));
    writeFileAtomic(files.path(SECRET_FILES.accessTokenKeys), JSON.stringify({ keys: [await privateJwk('dev-1')] }));
    await expect(AccessTokenIssuer.create(files, false)).resolves.toBeInstanceOf(AccessTokenIssuer);
    await expect(AccessTokenIssuer.create(files, true)).rejects.toThrow(SecretError);
  });
});
