import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Jwk } from '@shop/contracts';
import { VerificationOutage } from './verification-outage';

export type JwksFetcher = () => Promise<{ keys: Jwk[] }>;

export interface JwksCacheOptions {
  /** Refresh when the keys are older than this (default 5 minutes). */
  readonly maxAgeMs?: number;
  /** Refresh early for an unknown kid at most this often (default 5 s). */
  readonly minRefreshIntervalMs?: number;
  /** The clock the ages are measured on (epoch ms); tests inject one. */
  readonly now?: () => number;
}

/**
 * The gateway's copy of auth's public keys, by `kid`. Refreshed every few
 * minutes, and early when a token names a kid we do not know yet (that is
 * how a key rotation arrives). Early refreshes are rate limited so a flood
 * of tokens with random kids cannot turn into a flood of JWKS fetches.
 */
export class JwksCache {
  private keys = new Map<string, KeyObject>();
  private fetchedAt = 0;
  private refreshing?: Promise<void>;
  private readonly options: Required<JwksCacheOptions>;

  constructor(
    private readonly fetcher: JwksFetcher,
    options: JwksCacheOptions = {},
    /** Every failed refresh is reported here (log it, count it): never swallowed silently. */
    private readonly onRefreshError: (error: unknown) => void = () => undefined,
  ) {
    this.options = { maxAgeMs: 300_000, minRefreshIntervalMs: 5_000, now: Date.now, ...options };
  }

  /**
   * The key with this kid, or undefined when auth does not publish it. A
   * KeyObject, parsed once: handing jsonwebtoken a PEM would re-parse it on
   * every request. Throws VerificationOutage when auth cannot be asked and
   * the answer is not known: no keys at all, or an unknown kid that a
   * rotation may have brought.
   */
  async keyFor(kid: string): Promise<KeyObject | undefined> {
    const age = this.options.now() - this.fetchedAt;
    const unknown = !this.keys.has(kid);
    if (age > this.options.maxAgeMs || (unknown && age > this.options.minRefreshIntervalMs)) {
      await this.refresh().catch((error: unknown) => {
        this.onRefreshError(error);
        // Keep serving the keys we have; a kid we cannot look up is an outage, not a forgery.
        if (this.keys.size === 0 || unknown) throw new VerificationOutage('jwks', error);
      });
    }
    return this.keys.get(kid);
  }

  refresh(): Promise<void> {
    this.refreshing ??= this.fetcher()
      .then(({ keys }) => {
        const next = new Map<string, KeyObject>();
        for (const jwk of keys) {
          if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || jwk.alg !== 'ES256' || !jwk.kid) continue;
          next.set(jwk.kid, createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, format: 'jwk' }));
        }
        this.keys = next;
        this.fetchedAt = this.options.now();
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
