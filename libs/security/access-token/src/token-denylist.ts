import type Redis from 'ioredis';

/**
 * Revoked access-token ids, kept until the token would have expired anyway.
 * Two backends behind one interface: Redis when REDIS_URL is set (shared by
 * every gateway replica), memory otherwise (single process, dev default).
 */
export interface TokenDenylist {
  deny(jti: string, expiresAtEpochSeconds: number): Promise<void>;
  isDenied(jti: string): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryTokenDenylist implements TokenDenylist {
  private readonly entries = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    // Expired entries are useless: the token itself is rejected by then.
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const [jti, until] of this.entries) if (until <= now) this.entries.delete(jti);
    }, sweepIntervalMs);
    this.sweeper.unref();
  }

  async deny(jti: string, expiresAtEpochSeconds: number): Promise<void> {
    this.entries.set(jti, expiresAtEpochSeconds * 1000);
  }

  async isDenied(jti: string): Promise<boolean> {
    const until = this.entries.get(jti);
    return until !== undefined && until > Date.now();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}

export class RedisTokenDenylist implements TokenDenylist {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async deny(jti: string, expiresAtEpochSeconds: number): Promise<void> {
    // PX takes whole milliseconds; a JWT NumericDate may be fractional.
    const ttlMs = Math.ceil(expiresAtEpochSeconds * 1000 - Date.now());
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
