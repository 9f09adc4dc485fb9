/**
 * The user a call is made for, as proven by the gateway-signed passport.
 * Handlers receive it typed; none of them takes a user id from a request.
 */
export interface Principal {
  /** User id (UUID). */
  readonly sub: string;
  readonly roles: readonly string[];
  readonly scope: readonly string[];
  /** The passport's own id, for audit trails. */
  readonly jti: string;
}

export const ROLES = { customer: 'customer', admin: 'admin' } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export const SCOPES = { ordersRead: 'orders:read', ordersWrite: 'orders:write' } as const;
