import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { writeFileAtomic } from './atomic-write';
import { publicJwks, readJwkSet, type EcJwk, type JwkSetOptions } from './jwk-set';
import { SecretError, SecretFiles } from './secret-files';

const PRIVATE: JwkSetOptions = { kind: 'private', refuseDevMaterial: false };
const PUBLIC: JwkSetOptions = { kind: 'public', refuseDevMaterial: false };

let files: SecretFiles;
let k1: EcJwk;
let k2: EcJwk;

async function privateJwk(kid: string): Promise<EcJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' } as EcJwk;
}

function write(content: unknown): string {
  writeFileAtomic(files.path('keys.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return 'keys.json';
}

beforeAll(async () => {
  files = new SecretFiles(mkdtempSync(join(tmpdir(), 'jwk-set-')));
  [k1, k2] = await Promise.all([privateJwk('k1'), privateJwk('k2')]);
});

afterAll(() => {
  rmSync(files.dir, { recursive: true, force: true });
});

describe('readJwkSet: private vs public', () => {
  it('reads a private set in order, first key first', () => {
    expect(readJwkSet(files, write({ keys: [k1, k2] }), PRIVATE).map((k) => k.kid)).toEqual(['k1', 'k2']);
  });

  it('reads the public half as a public set', () => {
    const keys = readJwkSet(files, write({ keys: publicJwks([k1, k2]) }), PUBLIC);
    expect(keys.map((k) => k.kid)).toEqual(['k1', 'k2']);
    expect(keys.some((k) => 'd' in k)).toBe(false);
  });

  it('refuses a private key where a public set is expected, and a public key where a private one is', () => {
    expect(() => readJwkSet(files, write({ keys: [k1] }), PUBLIC)).toThrow(SecretError);
    expect(() => readJwkSet(files, write({ keys: publicJwks([k1]) }), PRIVATE)).toThrow(SecretError);
  });
});

describe('readJwkSet: key validation', () => {
  it.each([
    ['a duplicate kid', () => ({ keys: [k1, { ...k2, kid: 'k1' }] })],
    ['an empty kid', () => ({ keys: [{ ...k1, kid: '' }] })],
    ['a missing kid', () => ({ keys: [{ ...k1, kid: undefined }] })],
    ['alg RS256', () => ({ keys: [{ ...k1, alg: 'RS256' }] })],
    ['alg HS256 on an oct key', () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'k1', alg: 'HS256' }] })],
    ['curve P-384', () => ({ keys: [{ ...k1, crv: 'P-384' }] })],
    ['an empty set', () => ({ keys: [] })],
    ['no keys member', () => ({})],
    ['keys that is not an array', () => ({ keys: k1 })],
    ['JSON null', () => null],
    ['a null entry', () => ({ keys: [null] })],
  ])('refuses %s with SecretError', (_case, content) => {
    expect(() => readJwkSet(files, write({ keys: [k1, k2] }), PRIVATE)).not.toThrow();
    expect(() => readJwkSet(files, write(content()), PRIVATE)).toThrow(SecretError);
  });
});

describe('readJwkSet: dev material', () => {
  it('refuses a dev- kid when refuseDevMaterial is set, and only then', () => {
    const devSet = { keys: [k1, { ...k2, kid: 'dev-2024' }] };
    expect(() => readJwkSet(files, write(devSet), PRIVATE)).not.toThrow();
    expect(() => readJwkSet(files, write(devSet), { ...PRIVATE, refuseDevMaterial: true })).toThrow(SecretError);
    expect(() => readJwkSet(files, write({ keys: [k1, k2] }), { ...PRIVATE, refuseDevMaterial: true })).not.toThrow();
  });
});

describe('publicJwks', () => {
  it('drops d and keeps the rest', () => {
    const [pub] = publicJwks([k1]);
    expect(pub).not.toHaveProperty('d');
    expect(pub).toEqual({ kty: 'EC', crv: 'P-256', x: k1.x, y: k1.y, kid: 'k1', alg: 'ES256', use: 'sig' });
  });
});
