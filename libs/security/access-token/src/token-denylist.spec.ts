import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ACCESS_TOKEN } from './access-token-profile';
import { MemoryTokenDenylist, RedisTokenDenylist, type TokenDenylist } from './token-denylist';

/**
 * The denylists read this clock, never Date.now: it moves only when a test
 * says so. It starts at the real time because Redis expires keys on its own.
 */
const clock = { ms: Date.now(), now: () => clock.ms };
const inSeconds = (seconds: number) => Math.floor(clock.ms / 1000) + seconds;

interface Backend {
  readonly list: TokenDenylist;
  /** How long (ms) the backend will keep `jti` from now on. */
  keptFor(jti: string): Promise<number>;
  close(): Promise<void>;
}

function memoryBackend(): Backend {
  const list = new MemoryTokenDenylist({ now: clock.now });
  const keptFor = async (jti: string) => {
    // Binary search for the last whole ms the entry is still there, by moving the clock.
    const start = clock.ms;
    let kept = 0;
    for (let step = 2 ** 20; step >= 1; step /= 2) {
      clock.ms = start + kept + step;
      if (await list.isDenied(jti)) kept += step;
    }
    clock.ms = start;
    return kept + 1;
  };
  return { list, keptFor, close: () => list.close() };
}

function redisBackend(): Backend {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const prefix = `test:denylist:${randomUUID()}:`;
  const list = new RedisTokenDenylist(redis, prefix, clock.now);
  return {
    list,
    keptFor: (jti) => redis.pttl(prefix + jti),
    async close() {
      await list.close();
      const leftovers = await redis.keys(`${prefix}*`);
      if (leftovers.length > 0) await redis.del(...leftovers);
      await redis.quit();
    },
  };
}

/** One contract, every backend: the gateway must behave the same whichever one REDIS_URL selects. */
describe.each([
  ['memory', memoryBackend],
  ['redis', redisBackend],
])('%s token denylist', (_name, open) => {
  let backend: Backend;

  beforeAll(() => {
    backend = open();
  });

  afterAll(async () => {
    await backend.close();
  });

  it('reports a denied jti as denied and an unknown one as not', async () => {
    const denied = randomUUID();
    await backend.list.deny(denied, inSeconds(60));
    expect(await backend.list.isDenied(denied)).toBe(true);
    expect(await backend.list.isDenied(randomUUID())).toBe(false);
  });

  // The verifier still accepts a token for the clock tolerance past exp; so must the denylist refuse it.
  it('keeps an entry until the clock tolerance past exp (a fractional NumericDate too), and no longer', async () => {
    const jti = randomUUID();
    const exp = (clock.ms + 400.5) / 1000;
    await backend.list.deny(jti, exp);
    const wanted = Math.ceil(400.5 + ACCESS_TOKEN.clockToleranceSeconds * 1000);
    const kept = await backend.keptFor(jti);
    // Redis counts its TTL down in real time, so its answer may be a few ms short.
    expect(kept).toBeLessThanOrEqual(wanted);
    expect(kept).toBeGreaterThan(wanted - 1_000);
  });

  it('stores a token that expired less than the clock tolerance ago: it would still verify', async () => {
    const jti = randomUUID();
    await backend.list.deny(jti, inSeconds(-2));
    expect(await backend.list.isDenied(jti)).toBe(true);
  });

  it('does not store an expiry that has already passed', async () => {
    const live = randomUUID();
    const stale = randomUUID();
    await backend.list.deny(live, inSeconds(60));
    await backend.list.deny(stale, inSeconds(-ACCESS_TOKEN.clockToleranceSeconds - 1));
    expect(await backend.list.isDenied(live)).toBe(true);
    expect(await backend.list.isDenied(stale)).toBe(false);
  });
});
