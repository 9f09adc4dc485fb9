import argon2 from 'argon2';
import { HashingSlots } from './hashing-slots';

/**
 * argon2id with explicit parameters (OWASP Password Storage cheat sheet:
 * m=19 MiB, t=2, p=1 as the minimum; we use a little more memory).
 * Never rely on the library's defaults for these.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes running at once and waiting for a slot. Two running leave the
 * rest of a small node for auth's cheap RPCs; sixteen waiting is well under
 * a second of queue at ~50 ms per hash.
 */
export const HASHING_LIMITS = { running: 2, waiting: 16 } as const;

export class PasswordHasher {
  /** Verified against when the email is unknown, so timing does not reveal which emails exist. */
  private dummyHash?: Promise<string>;

  constructor(private readonly slots = new HashingSlots(HASHING_LIMITS.running, HASHING_LIMITS.waiting)) {}

  hash(password: string): Promise<string> {
    return this.slots.run(() => argon2.hash(password, OPTIONS));
  }

  verify(hash: string, password: string): Promise<boolean> {
    return this.slots.run(() => argon2.verify(hash, password));
  }

  async verifyAgainstNobody(password: string): Promise<false> {
    this.dummyHash ??= argon2.hash('not-a-real-password-just-timing', OPTIONS);
    const dummy = await this.dummyHash;
    await this.slots.run(() => argon2.verify(dummy, password));
    return false;
  }
}
