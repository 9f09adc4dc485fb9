import { KeyObject, sign, verify } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Jwk } from '@shop/contracts';
import { JwksCache } from './jwks-cache';
import { VerificationOutage } from './verification-outage';

interface TestKey {
  readonly jwk: Jwk;
  readonly privateKey: KeyObject;
}

async function newKey(kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const { kty = '', crv = '', x = '', y = '' } = await exportJWK(publicKey);
  return { jwk: { kty, crv, x, y, kid, alg: 'ES256', use: 'sig' }, privateKey: KeyObject.from(privateKey) };
}

/** A real JWKS endpoint stand-in: serves whatever is published, counts fetches, can be made to fail. */
function authServer(...published: Jwk[]) {
  const server = {
    keys: published,
    fetches: 0,
    down: false,
    fetch: async () => {
      server.fetches++;
      if (server.down) throw new Error('auth unavailable');
      return { keys: server.keys };
    },
  };
  return server;
}

/** True when the cached public key verifies a signature made with the key's private half. */
function pemMatches(pem: KeyObject | undefined, key: TestKey): boolean {
  if (!pem) return false;
  const data = Buffer.from('proof of possession');
  const signature = sign('sha256', data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return verify('sha256', data, { key: pem, dsaEncoding: 'ieee-p1363' }, signature);
}

/** A clock that moves only when the test says so. */
function testClock() {
  const clock = { ms: Date.UTC(2026, 0, 1), now: () => clock.ms, advance: (ms: number) => (clock.ms += ms) };
  return clock;
}

let k1: TestKey;
let k2: TestKey;

beforeAll(async () => {
  [k1, k2] = await Promise.all([newKey('k1'), newKey('k2')]);
});

describe('JwksCache lookups', () => {
  it('fetches on first use and serves the published key', async () => {
    const auth = authServer(k1.jwk);
    const cache = new JwksCache(auth.fetch);
    const pem = await cache.keyFor('k1');
    expect(pemMatches(pem, k1)).toBe(true);
    expect(pemMatches(pem, k2)).toBe(false);
    expect(auth.fetches).toBe(1);
  });

  it('serves known kids from the cache without fetching again', async () => {
    const auth = authServer(k1.jwk);
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 60_000, minRefreshIntervalMs: 0 });
    await cache.keyFor('k1');
    await cache.keyFor('k1');
    expect(auth.fetches).toBe(1);
  });

  it('serves only ES256 P-256 keys with a kid', async () => {
    const auth = authServer({ ...k1.jwk, alg: 'RS256' }, { ...k2.jwk, crv: 'P-384' }, { ...k2.jwk, kid: '' }, { ...k2.jwk, kid: 'good' });
    const cache = new JwksCache(auth.fetch);
    expect(pemMatches(await cache.keyFor('good'), k2)).toBe(true);
    expect(await cache.keyFor('k1')).toBeUndefined();
    expect(await cache.keyFor('k2')).toBeUndefined();
  });
});

describe('JwksCache refresh on unknown kid', () => {
  it('refreshes for an unknown kid, but not more often than minRefreshIntervalMs', async () => {
    const auth = authServer(k1.jwk);
    const clock = testClock();
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 60_000, minRefreshIntervalMs: 300, now: clock.now });
    await cache.keyFor('k1');
    auth.keys = [k1.jwk, k2.jwk];

    expect(await cache.keyFor('k2')).toBeUndefined();
    expect(auth.fetches).toBe(1);

    clock.advance(300);
    expect(await cache.keyFor('k2')).toBeUndefined();
    expect(auth.fetches).toBe(1);

    clock.advance(1);
    expect(pemMatches(await cache.keyFor('k2'), k2)).toBe(true);
    expect(auth.fetches).toBe(2);

    expect(await cache.keyFor('random-kid')).toBeUndefined();
    expect(auth.fetches).toBe(2);
  });

  it('turns a burst of random kids into one fetch', async () => {
    const auth = authServer(k1.jwk);
    const clock = testClock();
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 60_000, minRefreshIntervalMs: 100, now: clock.now });
    await cache.keyFor('k1');
    clock.advance(101);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => cache.keyFor(`random-${i}`)));
    expect(results.every((pem) => pem === undefined)).toBe(true);
    expect(auth.fetches).toBe(2);
  });
});

describe('JwksCache when auth is down', () => {
  it('keeps serving the keys it has when a refresh fails', async () => {
    const auth = authServer(k1.jwk);
    const clock = testClock();
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 100, minRefreshIntervalMs: 50, now: clock.now });
    const before = await cache.keyFor('k1');
    auth.down = true;
    clock.advance(101);
    const after = await cache.keyFor('k1');
    expect(auth.fetches).toBe(2);
    expect(after).toBe(before);
    expect(pemMatches(after, k1)).toBe(true);
  });

  it('fails as an outage (not a bad token) when it has never had any key', async () => {
    const auth = authServer(k1.jwk);
    auth.down = true;
    const failure = await new JwksCache(auth.fetch).keyFor('k1').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(VerificationOutage);
    expect(failure).toMatchObject({ dependency: 'jwks', message: 'jwks unavailable: auth unavailable' });
    auth.down = false;
    expect(pemMatches(await new JwksCache(auth.fetch).keyFor('k1'), k1)).toBe(true);
  });

  it('treats an unknown kid it could not look up as an outage: a rotation may have brought it', async () => {
    const auth = authServer(k1.jwk);
    const clock = testClock();
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 60_000, minRefreshIntervalMs: 0, now: clock.now });
    await cache.keyFor('k1');
    auth.down = true;
    clock.advance(1);
    await expect(cache.keyFor('k2')).rejects.toBeInstanceOf(VerificationOutage);
    expect(pemMatches(await cache.keyFor('k1'), k1)).toBe(true); // known keys still work
  });

  it('reports every failed refresh instead of swallowing it', async () => {
    const auth = authServer(k1.jwk);
    const reported: unknown[] = [];
    const clock = testClock();
    const cache = new JwksCache(auth.fetch, { maxAgeMs: 50, minRefreshIntervalMs: 0, now: clock.now }, (error) => reported.push(error));
    await cache.keyFor('k1');
    auth.down = true;
    clock.advance(51);
    await cache.keyFor('k1');
    expect(reported.map((e) => (e as Error).message)).toEqual(['auth unavailable']);
  });
});
