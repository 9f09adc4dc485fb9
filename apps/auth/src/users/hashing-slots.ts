import { ShopError } from '@shop/contracts';

/** Seconds a client should wait when no slot is free soon enough: a few hashes' worth. */
export const HASHING_BUSY_RETRY_AFTER_SECONDS = '1';

interface Waiter {
  readonly start: () => void;
  readonly timer: NodeJS.Timeout;
}

const busy = () => new ShopError('AUTH.HASHING_BUSY', undefined, { 'retry-after': HASHING_BUSY_RETRY_AFTER_SECONDS });

/**
 * A small semaphore around argon2. Each hash takes ~19 MiB and tens of
 * milliseconds of a core (far more on a loaded node); unbounded, a burst of
 * registrations or logins takes every core and every other request of auth
 * (refresh, logout) waits behind it. At most `running` hashes run; at most
 * `waiting` more queue, each for at most `maxWaitMs`, so a queued call still
 * finishes inside the caller's deadline. Beyond that the caller is told at
 * once to come back (AUTH.HASHING_BUSY, 503 with Retry-After).
 */
export class HashingSlots {
  private active = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly running: number,
    private readonly waiting: number,
    private readonly maxWaitMs: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active < this.running) this.active++;
    else await this.waitForSlot();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  /** Resolves when release() hands this caller its slot (`active` stays counted across the hand-over). */
  private waitForSlot(): Promise<void> {
    if (this.queue.length >= this.waiting) return Promise.reject(busy());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          this.queue.splice(this.queue.indexOf(waiter), 1);
          reject(busy());
        }, this.maxWaitMs),
      };
      this.queue.push(waiter);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    if (!next) {
      this.active--;
      return;
    }
    clearTimeout(next.timer);
    next.start();
  }
}
