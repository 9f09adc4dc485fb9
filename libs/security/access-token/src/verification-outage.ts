/** A dependency the gateway needs to check a bearer token. */
export type VerificationDependency = 'jwks' | 'denylist';

/**
 * The token could not be checked because a dependency is down (auth's JWKS
 * cannot be fetched, the Redis denylist does not answer). Not the user's
 * fault and not an attack: the gateway answers 503 with an UPSTREAM code
 * and counts an outage, never an `auth_failed` security event. Failing
 * closed stays the rule: the request is refused either way.
 */
export class VerificationOutage extends Error {
  constructor(
    readonly dependency: VerificationDependency,
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'VerificationOutage';
  }
}
