import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { ACCESS_TOKEN } from './access-token-profile';
import { MemoryTokenDenylist, RedisTokenDenylist, type TokenDenylist } from './token-denylist';

interface Backend {
  readonly list: TokenDenylist;
  close(): Promise<void>;
}

function memoryBackend(): Backend {
  const list = new MemoryTokenDenylist();
  return { list, close: () => list.close() };
}

function redisBackend(): Backend {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const prefix = `test:denylist:${randomUUID()}:`;
  const list = new RedisTokenDenylist(redis, prefix);
  return {
    list,
    async close() {
      await list.close();
      const leftovers = await redis.keys(`${prefix}*`);
      if (leftovers.length > 0) await redis.del(...leftovers);
      await redis.quit();
    },
  };
}

const inSeconds = (seconds: number) => Math.floor(Date.now() / 1000) + seconds;

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
  it('keeps an entry for the clock tolerance past exp (a fractional NumericDate too), then forgets it', async () => {
    const jti = randomUUID();
    const exp = (Date.now() + 400.5) / 1000;
    await backend.list.deny(jti, exp);
    await sleep(exp * 1000 - Date.now() + 1_000);
    expect(await backend.list.isDenied(jti)).toBe(true);
    await sleep(exp * 1000 + ACCESS_TOKEN.clockToleranceSeconds * 1000 - Date.now() + 150);
    expect(await backend.list.isDenied(jti)).toBe(false);
  }, 15_000);

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
