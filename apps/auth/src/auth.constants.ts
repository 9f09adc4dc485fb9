/**
 * Injection tokens of the auth module. Each carries a lab switch already
 * resolved in auth.module.ts, so the services obey it without asking.
 */
export const LOGIN_THROTTLE = Symbol('LOGIN_THROTTLE');
/** False only with the lab's `revocation` switch off: no refresh reuse detection, logout revokes nothing. */
export const REVOCATION_ENFORCED = Symbol('REVOCATION_ENFORCED');
/** True only with the lab's `mass-assignment` switch off: registration takes the roles the request names. */
export const REQUESTED_ROLES_ACCEPTED = Symbol('REQUESTED_ROLES_ACCEPTED');
