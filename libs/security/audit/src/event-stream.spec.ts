import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { ShopMetrics, createLogger } from '@shop/observability';
import { RedisSecurityEventStream, SECURITY_EVENT_STREAM_MAXLEN, parseStreamEntries, securityEventStreamKey } from './event-stream';
import { SecurityEvents } from './security-events';

/** A real Redis (REDIS_URL, as in CI), a key of its own. */
describe('the security-event stream (real Redis)', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  const key = securityEventStreamKey(`test:${randomUUID()}:`);
  const lines: Array<Record<string, unknown>> = [];
  const failures: Error[] = [];
  const events = new SecurityEvents(createLogger({ service: 'order', level: 'info', destination: { write: (l: string) => void lines.push(JSON.parse(l)) } }), new ShopMetrics('order'), 'order');
  events.publishTo(new RedisSecurityEventStream(redis, key, (error) => failures.push(error)));

  afterAll(async () => {
    await redis.del(key);
    await redis.quit();
  });

  async function waitForLength(n: number): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const length = await redis.xlen(key);
      if (length >= n) return length;
      await sleep(20);
    }
    return redis.xlen(key);
  }

  it('publishes each event in the log line schema, plus service and time', async () => {
    events.emit('peer_denied', { reason: 'not_allowed', peer: 'spiffe://shop.local/ns/shop/sa/inventory', detail: { rpc: 'Charge' } });
    await waitForLength(1);
    const [entry] = parseStreamEntries((await redis.xrange(key, '-', '+')) as Array<[string, string[]]>);
    const { msg: _msg, level: _level, time: _time, service, ...logged } = lines[0] as Record<string, unknown>;
    expect(entry?.record).toEqual({ ...logged, service, time: expect.any(Number) });
    expect(entry?.record).toMatchObject({ service: 'order', securityEvent: 'peer_denied', reason: 'not_allowed', detail: { rpc: 'Charge' } });
    expect(failures).toEqual([]);
  });

  it('stays bounded at about MAXLEN entries however many are published', async () => {
    const total = SECURITY_EVENT_STREAM_MAXLEN * 2;
    for (let i = 0; i < total; i++) events.emit('rate_limited', { reason: `burst_${i}` });
    const newestReason = async () => parseStreamEntries((await redis.xrevrange(key, '+', '-', 'COUNT', 1)) as Array<[string, string[]]>)[0]?.record.reason;
    for (let i = 0; i < 200 && (await newestReason()) !== `burst_${total - 1}`; i++) await sleep(50);
    const length = await redis.xlen(key);
    // `~` trims whole radix-tree nodes (100 entries by default): never far above the bound.
    expect(length).toBeGreaterThanOrEqual(SECURITY_EVENT_STREAM_MAXLEN);
    expect(length).toBeLessThanOrEqual(SECURITY_EVENT_STREAM_MAXLEN + 200);
    expect(await newestReason()).toBe(`burst_${total - 1}`);
  }, 30_000);

  it('never fails the caller when Redis is away, and reports the outage once', async () => {
    const gone = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
    gone.on('error', () => undefined);
    const reported: Error[] = [];
    const offline = new SecurityEvents(createLogger({ service: 'auth', level: 'error' }), new ShopMetrics('auth'), 'auth');
    offline.publishTo(new RedisSecurityEventStream(gone, key, (error) => reported.push(error)));
    for (let i = 0; i < 5; i++) expect(() => offline.emit('auth_failed', { reason: 'bad_password' })).not.toThrow();
    await sleep(200);
    expect(reported).toHaveLength(1);
    gone.disconnect();
  });

  it('skips stream entries that are not events', () => {
    expect(parseStreamEntries([['1-0', ['other', 'x']], ['2-0', ['event', 'not json']], ['3-0', ['event', '{"securityEvent":"x"}']]])).toEqual([
      { id: '3-0', record: { securityEvent: 'x' } },
    ]);
  });
});
