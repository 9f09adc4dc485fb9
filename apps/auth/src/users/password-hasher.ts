import argon2 from 'argon2';
import { HashingSlots } from './hashing-slots';

/**
 * argon2id with explicit parameters: exactly the minimum the OWASP Password
 * Storage Cheat Sheet recommends (m=19 MiB = 19,456 KiB, t=2, p=1), no more.
 * Never rely on the library's defaults for these.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes running at once, waiting for a slot, and for how long. Two running
 * leave the rest of a small node for auth's cheap RPCs; a waiter gives up
 * after a second, well inside the gateway's 3 s deadline for the call.
 */
export const HASHING_LIMITS = { running: 2, waiting: 16, maxWaitMs: 1_000 } as const;

export class PasswordHasher {
  /** Verified against when the email is unknown, so timing does not reveal which emails exist. */
  private dummyHash?: Promise<string>;

  constructor(private readonly slots = new HashingSlots(HASHING_LIMITS.running, HASHING_LIMITS.waiting, HASHING_LIMITS.maxWaitMs)) {}

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
