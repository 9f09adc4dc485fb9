/** gRPC metadata keys the platform uses between services. */
export const METADATA_KEYS = {
  /** The gateway-minted passport, forwarded unchanged down the chain. */
  passport: 'x-passport',
  requestId: 'x-request-id',
  traceparent: 'traceparent',
} as const;
