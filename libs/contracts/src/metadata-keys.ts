/** gRPC metadata keys the platform uses between services. */
export const METADATA_KEYS = {
  /** The gateway-minted passport, forwarded unchanged down the chain. */
  passport: 'x-passport',
  /**
   * gateway -> order on PlaceOrder only: the long-lived passport, bound to
   * that one order, with which order (or its saga recovery) may undo it.
   */
  compensationPassport: 'x-compensation-passport',
  requestId: 'x-request-id',
  traceparent: 'traceparent',
  /** The end user's address as the gateway's socket saw it, relayed hop to hop for security events. */
  endUserIp: 'x-shop-end-user-ip',
} as const;
