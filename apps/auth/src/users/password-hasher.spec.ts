import { setTimeout as sleep } from 'node:timers/promises';
import { ShopError } from '@shop/contracts';
import { HashingSlots } from './hashing-slots';
import { HASHING_LIMITS, PasswordHasher } from './password-hasher';

const codeOf = (outcome: PromiseSettledResult<unknown>) => (outcome.status === 'rejected' ? (outcome.reason as ShopError).code : 'ok');

describe('PasswordHasher under a burst (real argon2)', () => {
  it('refuses what does not fit in the slots and the queue at once with AUTH.HASHING_BUSY and Retry-After', async () => {
    const burst = HASHING_LIMITS.running + HASHING_LIMITS.waiting + 12;
    const hasher = new PasswordHasher();
    const outcomes = await Promise.allSettled(Array.from({ length: burst }, (_, n) => hasher.hash(`burst-password-${n}`)));
    const codes = outcomes.map(codeOf);
    // The queue's wait limit may refuse some queued ones too on a slow machine; never more than the queue held.
    expect(codes.filter((c) => c === 'ok').length).toBeGreaterThanOrEqual(HASHING_LIMITS.running);
    expect(codes.filter((c) => c === 'ok').length).toBeLessThanOrEqual(HASHING_LIMITS.running + HASHING_LIMITS.waiting);
    expect(codes.filter((c) => c !== 'ok').every((c) => c === 'AUTH.HASHING_BUSY')).toBe(true);
    const refusal = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((refusal.reason as ShopError).details).toEqual({ 'retry-after': '1' });
  }, 30_000);

  it('still verifies what it hashed once the burst is over', async () => {
    const hasher = new PasswordHasher();
    const hash = await hasher.hash('a-long-real-password');
    await expect(hasher.verify(hash, 'a-long-real-password')).resolves.toBe(true);
    await expect(hasher.verifyAgainstNobody('anything')).resolves.toBe(false);
  });
});

describe('HashingSlots', () => {
  it('never runs more than its slots at once, and runs every queued job', async () => {
    const slots = new HashingSlots(2, 10, 5_000);
    let running = 0;
    let peak = 0;
    const job = async () => {
      peak = Math.max(peak, ++running);
      await sleep(20);
      running--;
    };
    await Promise.all(Array.from({ length: 12 }, () => slots.run(job)));
    expect(peak).toBe(2);
    await expect(slots.run(async () => 'free again')).resolves.toBe('free again');
  });

  it('gives a waiter up after the wait limit, and keeps serving', async () => {
    const slots = new HashingSlots(1, 5, 50);
    const long = slots.run(() => sleep(300));
    await expect(slots.run(async () => 'too late')).rejects.toMatchObject({ code: 'AUTH.HASHING_BUSY' });
    await long;
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });

  it('frees the slot when a job fails', async () => {
    const slots = new HashingSlots(1, 0, 1_000);
    await expect(slots.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
  });
});
