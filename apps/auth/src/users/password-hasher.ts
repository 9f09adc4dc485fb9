import argon2 from 'argon2';

/**
 * argon2id with explicit parameters (OWASP Password Storage cheat sheet:
 * m=19 MiB, t=2, p=1 as the minimum; we use a little more memory).
 * Never rely on the library's defaults for these.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordHasher {
  /** Verified against when the email is unknown, so timing does not reveal which emails exist. */
  private dummyHash?: Promise<string>;

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  verify(hash: string, password: string): Promise<boolean> {
    return argon2.verify(hash, password);
  }

  async verifyAgainstNobody(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not-a-real-password-just-timing');
    await argon2.verify(await this.dummyHash, password);
    return false;
  }
}
