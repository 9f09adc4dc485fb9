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
  /**
   * The public operation the gateway minted the passport for (`orders.place`,
   * `orders.get`...; see OPERATIONS in @shop/topology). Every hop checks it
   * against the RPC's declared operations.
   */
  readonly op?: string;
  /** The one order a checkout or compensation passport is bound to. */
  readonly orderId?: string;
}

export const ROLES = { customer: 'customer', admin: 'admin' } as const;
export type Role = (typeof ROLES)[keyof typeof ROLES];

export const SCOPES = { ordersRead: 'orders:read', ordersWrite: 'orders:write' } as const;
