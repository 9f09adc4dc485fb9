import type Redis from 'ioredis';
import { ACCESS_TOKEN } from './access-token-profile';

/**
 * The last moment (epoch ms) a token expiring at `exp` can still pass
 * verification: the verifier accepts it for the clock tolerance past `exp`,
 * so a denylist entry that ended at `exp` would let it work again for that
 * long (issue 14, item 2).
 */
export function lastVerifiableMoment(expiresAtEpochSeconds: number): number {
  return (expiresAtEpochSeconds + ACCESS_TOKEN.clockToleranceSeconds) * 1000;
}

/**
 * Revoked access-token ids, kept until the token could no longer verify anyway.
 * Two backends behind one interface: Redis when REDIS_URL is set (shared by
 * every gateway replica), memory otherwise (single process, dev default).
 */
export interface TokenDenylist {
  deny(jti: string, expiresAtEpochSeconds: number): Promise<void>;
  isDenied(jti: string): Promise<boolean>;
  close(): Promise<void>;
}

/** Epoch ms; `Date.now` in production, a controllable clock in tests. */
export type Clock = () => number;

export class MemoryTokenDenylist implements TokenDenylist {
  private readonly entries = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: Clock;

  constructor(options: { sweepIntervalMs?: number; now?: Clock } = {}) {
    this.now = options.now ?? Date.now;
    // Entries past their token's last verifiable moment are useless: the token itself is rejected by then.
    this.sweeper = setInterval(() => {
      const now = this.now();
      for (const [jti, until] of this.entries) if (until <= now) this.entries.delete(jti);
    }, options.sweepIntervalMs ?? 60_000);
    this.sweeper.unref();
  }

  async deny(jti: string, expiresAtEpochSeconds: number): Promise<void> {
    const until = lastVerifiableMoment(expiresAtEpochSeconds);
    if (until > this.now()) this.entries.set(jti, until);
  }

  async isDenied(jti: string): Promise<boolean> {
    const until = this.entries.get(jti);
    return until !== undefined && until > this.now();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

export class RedisTokenDenylist implements TokenDenylist {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Only the TTL is computed on it; Redis expires the key on its own clock. */
    private readonly now: Clock = Date.now,
  ) {}

  async deny(jti: string, expiresAtEpochSeconds: number): Promise<void> {
    // PX takes whole milliseconds; a JWT NumericDate may be fractional.
    const ttlMs = Math.ceil(lastVerifiableMoment(expiresAtEpochSeconds) - this.now());
    if (ttlMs <= 0) return;
    await this.redis.set(this.prefix + jti, '1', 'PX', ttlMs);
  }

  async isDenied(jti: string): Promise<boolean> {
    return (await this.redis.exists(this.prefix + jti)) === 1;
  }

  async close(): Promise<void> {
    // The connection is shared and closed by its owner.
  }
}
