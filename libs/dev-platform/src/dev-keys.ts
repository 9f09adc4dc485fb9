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

/**
 * Makes sure `dir/name` holds a private ES256 signing set, creating one when
 * missing. Returns the set (first key = current).
 */
export async function ensureSigningKeys(dir: string, name: string): Promise<EcJwk[]> {
  const files = new SecretFiles(dir);
  if (existsSync(join(dir, name))) return readJwkSet(files, name, { kind: 'private', refuseDevMaterial: false });
  const keys = [await newSigningKey()];
  writeFileAtomic(join(dir, name), JSON.stringify({ keys }, null, 2), 0o600);
  return keys;
}

/**
 * Rotates a signing set: a new key becomes current and the previous current
 * key stays in the set so tokens it signed still verify until they expire.
 */
export async function rotateSigningKeys(dir: string, name: string): Promise<EcJwk[]> {
  const files = new SecretFiles(dir);
  const [current] = readJwkSet(files, name, { kind: 'private', refuseDevMaterial: false });
  const keys = [await newSigningKey(), current];
  writeFileAtomic(join(dir, name), JSON.stringify({ keys }, null, 2), 0o600);
  return keys;
}

export function writePublicKeys(path: string, keys: readonly EcJwk[]): void {
  writeFileAtomic(path, JSON.stringify({ keys: publicJwks(keys) }, null, 2), 0o644);
}
