import { ShopError } from '@shop/contracts';

/** Seconds a client should wait when every slot and the queue are taken: a few hashes' worth. */
export const HASHING_BUSY_RETRY_AFTER_SECONDS = '1';

/**
 * A small semaphore around argon2. Each hash takes ~19 MiB and tens of
 * milliseconds of a core; unbounded, a burst of registrations or logins
 * takes every core and every other request of auth (refresh, logout) waits
 * behind it. At most `running` hashes run; `waiting` more queue; beyond
 * that the caller is told at once to come back (AUTH.HASHING_BUSY, 503
 * with Retry-After) instead of piling up.
 */
export class HashingSlots {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.running) {
      if (this.queue.length >= this.waiting) {
        throw new ShopError('AUTH.HASHING_BUSY', undefined, { 'retry-after': HASHING_BUSY_RETRY_AFTER_SECONDS });
      }
      // The slot is handed over by release(), so `active` stays counted across the hand-over.
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}
