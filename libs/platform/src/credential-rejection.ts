import { leaseExpiresAt, type DatabaseCredentials } from '@shop/security/secrets';

/** Transient causes are retried while the file stays the same; the others wait for a new file. */
const RETRIED = new Set(['login_failed', 'unreachable']);

/** Why a new db.json was not adopted: `reason` is the metric label and the event's reason. */
export class Rejection extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }

  get retried(): boolean {
    return RETRIED.has(this.reason);
  }
}

/** What a running service can switch to without a restart; throws a Rejection otherwise. */
export function checkReplacement(next: DatabaseCredentials, active: DatabaseCredentials, now: number): void {
  // Entities are bound to the schema at start; another database or schema needs a restart.
  if (next.database !== active.database || next.schema !== active.schema) {
    throw new Rejection('wrong_database', `db.json names ${next.database}/${next.schema}, the service runs on ${active.database}/${active.schema}`);
  }
  const end = leaseExpiresAt(next);
  if (end && end.getTime() <= now) throw new Rejection('lease_expired', `the lease of ${next.user} ended at ${end.toISOString()}`);
}
