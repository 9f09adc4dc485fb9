import { status as GrpcStatus } from '@grpc/grpc-js';

/**
 * Every error the platform returns has one of these stable codes. Clients and
 * tests match on the code, never on the message. Each code fixes the gRPC
 * status used between services and the HTTP status the gateway answers with.
 */
const catalog = {
  'REQUEST.VALIDATION_FAILED': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'The request is not valid' },
  'REQUEST.UNKNOWN_FIELD': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'The request has a field that is not allowed' },
  'REQUEST.MALFORMED_JSON': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'The body is not valid JSON' },
  'REQUEST.TOO_LARGE': { http: 413, grpc: GrpcStatus.RESOURCE_EXHAUSTED, title: 'The body is too large' },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': { http: 415, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'Send application/json' },
  'REQUEST.NOT_FOUND': { http: 404, grpc: GrpcStatus.NOT_FOUND, title: 'No such route' },
  'REQUEST.RATE_LIMITED': { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, title: 'Too many requests' },

  'AUTH.TOKEN_MISSING': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'A bearer token is required' },
  'AUTH.TOKEN_INVALID': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token is not valid' },
  'AUTH.TOKEN_EXPIRED': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token has expired' },
  'AUTH.TOKEN_REVOKED': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token was revoked' },
  'AUTH.ALGORITHM_NOT_ALLOWED': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token algorithm is not allowed' },
  'AUTH.UNKNOWN_KEY': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token was signed by an unknown key' },
  'AUTH.WRONG_AUDIENCE': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token is for another audience' },
  'AUTH.WRONG_ISSUER': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The token has an unexpected issuer' },
  'AUTH.INSUFFICIENT_SCOPE': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: 'The token lacks a required scope' },
  'AUTH.FORBIDDEN': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: 'This needs a role you do not have' },
  'AUTH.INVALID_CREDENTIALS': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'Wrong email or password' },
  'AUTH.LOGIN_THROTTLED': { http: 429, grpc: GrpcStatus.RESOURCE_EXHAUSTED, title: 'Too many failed logins; wait and retry' },
  'AUTH.HASHING_BUSY': { http: 503, grpc: GrpcStatus.RESOURCE_EXHAUSTED, title: 'Too many password checks at once; retry shortly' },
  'AUTH.REFRESH_INVALID': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The refresh token is not valid' },
  'AUTH.REFRESH_REUSED': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The refresh token was already used; its family is revoked' },

  'PEER.DENIED': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: 'This caller may not call this RPC' },
  'PASSPORT.MISSING': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The call carries no passport' },
  'PASSPORT.INVALID': { http: 401, grpc: GrpcStatus.UNAUTHENTICATED, title: 'The passport is not valid' },
  'PASSPORT.WRONG_OPERATION': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: 'The passport was minted for another operation' },
  'PASSPORT.WRONG_ORDER': { http: 403, grpc: GrpcStatus.PERMISSION_DENIED, title: 'The passport is bound to another order' },

  'PRODUCT.NOT_FOUND': { http: 404, grpc: GrpcStatus.NOT_FOUND, title: 'No such product' },
  'INVENTORY.OUT_OF_STOCK': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'Not enough stock' },
  'INVENTORY.RESERVATION_CONFLICT': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The order already holds a different reservation' },
  'INVENTORY.RESERVATION_RELEASED': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The order gave up; stock is no longer reserved for it' },
  'IMAGE.NOT_FOUND': { http: 404, grpc: GrpcStatus.NOT_FOUND, title: 'This product has no image' },
  'IMAGE.FETCH_FAILED': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image host did not deliver the image' },

  // Refusals of the SSRF guard (libs/security/ssrf); each is also an `ssrf_blocked` security event.
  'SSRF.URL_INVALID': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'The image URL is not a valid absolute URL' },
  'SSRF.SCHEME_NOT_ALLOWED': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'Only http and https image URLs are allowed' },
  'SSRF.CREDENTIALS_IN_URL': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'Image URLs may not carry a user name or password' },
  'SSRF.HOST_UNRESOLVABLE': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image host name does not resolve' },
  'SSRF.ADDRESS_NOT_ALLOWED': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image host is not a public internet address' },
  'SSRF.PORT_NOT_ALLOWED': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image URL uses a port that is not allowed' },
  'SSRF.TOO_MANY_REDIRECTS': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image URL redirects too often' },
  'SSRF.TOO_LARGE': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image is larger than allowed' },
  'SSRF.NOT_AN_IMAGE': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The URL did not return an allowed image type' },
  'SSRF.TIMEOUT': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The image host did not deliver the image in time' },

  'ORDER.NOT_FOUND': { http: 404, grpc: GrpcStatus.NOT_FOUND, title: 'No such order' },
  'ORDER.UNKNOWN_PRODUCT': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The order names a product that does not exist' },
  'ORDER.OUT_OF_STOCK': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'Not enough stock for this order' },
  'ORDER.PAYMENT_DECLINED': { http: 402, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The card was declined' },
  'ORDER.IDEMPOTENCY_KEY_REQUIRED': { http: 400, grpc: GrpcStatus.INVALID_ARGUMENT, title: 'Send an Idempotency-Key header' },
  'ORDER.IDEMPOTENCY_KEY_REUSED': { http: 422, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'This Idempotency-Key was used with a different request' },
  'ORDER.IN_PROGRESS': { http: 409, grpc: GrpcStatus.ABORTED, title: 'An order with this Idempotency-Key is still being processed' },

  'PAYMENT.NOT_FOUND': { http: 404, grpc: GrpcStatus.NOT_FOUND, title: 'No payment for this order' },
  'PAYMENT.CONFLICT': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'This order was already charged with different details' },
  'PAYMENT.VOIDED': { http: 409, grpc: GrpcStatus.FAILED_PRECONDITION, title: 'The order gave up; it can no longer be charged' },

  'UPSTREAM.UNAVAILABLE': { http: 503, grpc: GrpcStatus.UNAVAILABLE, title: 'A service this request needs is unavailable' },
  'UPSTREAM.TIMEOUT': { http: 504, grpc: GrpcStatus.DEADLINE_EXCEEDED, title: 'A service this request needs did not answer in time' },
  INTERNAL: { http: 500, grpc: GrpcStatus.INTERNAL, title: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof catalog;
export interface ErrorCodeInfo {
  readonly http: number;
  readonly grpc: GrpcStatus;
  readonly title: string;
}

export function describeError(code: ErrorCode): ErrorCodeInfo {
  return catalog[code];
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(catalog, value);
}

/** gRPC metadata key that carries the stable code across a hop. */
export const ERROR_CODE_METADATA_KEY = 'x-error-code';
