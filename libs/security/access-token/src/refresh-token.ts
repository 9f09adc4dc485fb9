import { createHash, randomBytes } from 'node:crypto';

/**
 * Refresh tokens are opaque: 256 random bits, prefixed so secret scanners and
 * humans recognise them. Only their SHA-256 is stored; with that much entropy
 * a fast hash is enough (a slow password hash would add nothing).
 */
export function newRefreshToken(): string {
  return `rt_${randomBytes(32).toString('base64url')}`;
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeRefreshToken(value: string): boolean {
  return /^rt_[A-Za-z0-9_-]{43}$/.test(value);
}
