import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { DEV_MATERIAL, SecretFiles, publicJwks, readJwkSet, writeFileAtomic, type EcJwk } from '@shop/security/secrets';

async function newSigningKey(): Promise<EcJwk> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = `${DEV_MATERIAL.kidPrefix}${new Date().toISOString().slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
  return { ...(jwk as Omit<EcJwk, 'kid' | 'alg' | 'use'>), kid, alg: 'ES256', use: 'sig' };
}

function readPrivateSet(dir: string, name: string): EcJwk[] {
  return readJwkSet(new SecretFiles(dir), name, { kind: 'private', refuseDevMaterial: false });
}

function writePrivateSet(dir: string, name: string, keys: readonly EcJwk[]): void {
  writeFileAtomic(join(dir, name), JSON.stringify({ keys }, null, 2), 0o600);
}

/**
 * Makes sure `dir/name` holds a private ES256 signing set, creating one when
 * missing. Returns the set (first key = current).
 */
export async function ensureSigningKeys(dir: string, name: string): Promise<EcJwk[]> {
  if (existsSync(join(dir, name))) return readPrivateSet(dir, name);
  const keys = [await newSigningKey()];
  writePrivateSet(dir, name, keys);
  return keys;
}

/**
 * Step 1 of a rotation: adds a new key to the set SECOND, so it does not sign
 * yet. Publish the returned set's public keys to every verifier, wait until
 * each has loaded it, then promote it: no verifier ever sees an unknown kid.
 */
export async function stageSigningKey(dir: string, name: string): Promise<EcJwk[]> {
  const [current, ...older] = readPrivateSet(dir, name);
  const keys = [current, await newSigningKey(), ...older];
  writePrivateSet(dir, name, keys);
  return keys;
}

/**
 * Step 2: the staged key becomes current (first). Every other key stays in the
 * set, so what they signed still verifies; removing one is a manual step, once
 * its longest-lived token (a 7-day compensation passport) has expired.
 */
export function promoteSigningKey(dir: string, name: string, kid: string): EcJwk[] {
  const keys = readPrivateSet(dir, name);
  const staged = keys.find((key) => key.kid === kid);
  if (!staged) throw new Error(`${name} holds no key ${kid}: stage it first`);
  const promoted = [staged, ...keys.filter((key) => key !== staged)];
  writePrivateSet(dir, name, promoted);
  return promoted;
}

/**
 * Both steps at once, for a set whose verifiers look an unknown kid up
 * themselves (the gateway re-reads auth's JWKS); passports need the two steps.
 */
export async function rotateSigningKeys(dir: string, name: string): Promise<EcJwk[]> {
  const staged = await stageSigningKey(dir, name);
  return promoteSigningKey(dir, name, staged[1].kid);
}

export function writePublicKeys(path: string, keys: readonly EcJwk[]): void {
  writeFileAtomic(path, JSON.stringify({ keys: publicJwks(keys) }, null, 2), 0o644);
}
