import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/** Failures allowed before the email starts to wait, and the longest wait. */
export const FREE_FAILURES = 5;
export const MAX_LOCK_SECONDS = 15 * 60;

/** 1 s after the 5th failure, then 2, 4, 8... capped at 15 minutes. */
export function lockSeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_LOCK_SECONDS);
}

/**
 * lockSeconds as a table the SQL indexes by the new failure count, so the
 * schedule has one definition. The last entry is already the cap, and the
 * SQL clamps the index to it: no power() that could overflow after 1,000
 * failures.
 */
const LOCK_SCHEDULE = Array.from({ length: FREE_FAILURES + 11 }, (_, failures) => lockSeconds(failures));

/** The throttle key: a hash, so mistyped emails (or passwords typed into the email field) are not stored. */
export function emailKey(normalizedEmail: string): string {
  return createHash('sha256').update(normalizedEmail).digest('hex');
}

/** What LoginService needs of a throttle; auth.module.ts picks LoginThrottle or, lab `rate-limit` off, UNTHROTTLED. */
export interface AttemptThrottle {
  claimAttempt(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }>;
  clear(key: string): Promise<void>;
}

/** The lab's `rate-limit` switch off: every attempt allowed, nothing counted. */
export const UNTHROTTLED: AttemptThrottle = {
  claimAttempt: async () => ({ allowed: true }),
  clear: async () => undefined,
};

/**
 * Per-email login throttling, for known and unknown emails alike.
 *
 * An attempt is counted BEFORE the password is checked, in one atomic
 * statement that also sets the lock when the count reaches the limit. A burst
 * of parallel guesses therefore serializes on the row: once the limit is
 * reached, the rest are refused without ever reaching argon2. A correct
 * password then clears the row.
 */
export class LoginThrottle implements AttemptThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one attempt; returns the seconds left when the email is locked (the attempt is refused). */
  async claimAttempt(key: string): Promise<{ allowed: true } | { allowed: false; retryAfterSeconds: number }> {
    const rows = (await this.dataSource.query(
      `INSERT INTO login_throttle AS t (email_key, failures, locked_until) VALUES ($1, 1, NULL)
       ON CONFLICT (email_key) DO UPDATE SET
         failures = t.failures + 1,
         locked_until = CASE WHEN ($2::int[])[LEAST(t.failures + 1, $3) + 1] > 0
           THEN now() + make_interval(secs => ($2::int[])[LEAST(t.failures + 1, $3) + 1])
           ELSE NULL END,
         updated_at = now()
       WHERE t.locked_until IS NULL OR t.locked_until <= now()
       RETURNING failures`,
      [key, LOCK_SCHEDULE, LOCK_SCHEDULE.length - 1],
    )) as Array<{ failures: number }>;
    if (rows.length > 0) return { allowed: true };
    const [lock] = (await this.dataSource.query('SELECT ceil(extract(epoch FROM locked_until - now())) AS seconds FROM login_throttle WHERE email_key = $1', [key])) as Array<{
      seconds: string | null;
    }>;
    return { allowed: false, retryAfterSeconds: Math.max(1, Number(lock?.seconds ?? 1)) };
  }

  /** A successful login forgets the failures. */
  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE email_key = $1', [key]);
  }
}
