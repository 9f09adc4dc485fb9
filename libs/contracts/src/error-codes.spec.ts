import { status } from '@grpc/grpc-js';
import { describeError, isErrorCode, type ErrorCode } from './error-codes';
import { ShopError } from './shop-error';

// Every key of the catalogue; a code missing here fails to compile, an extra one too.
const ALL_CODES = {
  'REQUEST.VALIDATION_FAILED': true,
  'REQUEST.UNKNOWN_FIELD': true,
  'REQUEST.MALFORMED_JSON': true,
  'REQUEST.TOO_LARGE': true,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': true,
  'REQUEST.NOT_FOUND': true,
  'REQUEST.RATE_LIMITED': true,
  'AUTH.TOKEN_MISSING': true,
  'AUTH.TOKEN_INVALID': true,
  'AUTH.TOKEN_EXPIRED': true,
  'AUTH.TOKEN_REVOKED': true,
  'AUTH.ALGORITHM_NOT_ALLOWED': true,
  'AUTH.UNKNOWN_KEY': true,
  'AUTH.WRONG_AUDIENCE': true,
  'AUTH.WRONG_ISSUER': true,
  'AUTH.INSUFFICIENT_SCOPE': true,
  'AUTH.FORBIDDEN': true,
  'AUTH.INVALID_CREDENTIALS': true,
  'AUTH.LOGIN_THROTTLED': true,
  'AUTH.HASHING_BUSY': true,
  'AUTH.REFRESH_INVALID': true,
  'AUTH.REFRESH_REUSED': true,
  'PEER.DENIED': true,
  'PASSPORT.MISSING': true,
  'PASSPORT.INVALID': true,
  'PASSPORT.WRONG_OPERATION': true,
  'PASSPORT.WRONG_ORDER': true,
  'PRODUCT.NOT_FOUND': true,
  'INVENTORY.OUT_OF_STOCK': true,
  'INVENTORY.RESERVATION_CONFLICT': true,
  'INVENTORY.RESERVATION_RELEASED': true,
  'IMAGE.NOT_FOUND': true,
  'IMAGE.FETCH_FAILED': true,
  'SSRF.URL_INVALID': true,
  'SSRF.SCHEME_NOT_ALLOWED': true,
  'SSRF.CREDENTIALS_IN_URL': true,
  'SSRF.HOST_UNRESOLVABLE': true,
  'SSRF.ADDRESS_NOT_ALLOWED': true,
  'SSRF.PORT_NOT_ALLOWED': true,
  'SSRF.TOO_MANY_REDIRECTS': true,
  'SSRF.TOO_LARGE': true,
  'SSRF.NOT_AN_IMAGE': true,
  'SSRF.TIMEOUT': true,
  'ORDER.NOT_FOUND': true,
  'ORDER.UNKNOWN_PRODUCT': true,
  'ORDER.OUT_OF_STOCK': true,
  'ORDER.PAYMENT_DECLINED': true,
  'ORDER.IDEMPOTENCY_KEY_REQUIRED': true,
  'ORDER.IDEMPOTENCY_KEY_REUSED': true,
  'ORDER.IN_PROGRESS': true,
  'PAYMENT.NOT_FOUND': true,
  'PAYMENT.CONFLICT': true,
  'PAYMENT.VOIDED': true,
  'UPSTREAM.UNAVAILABLE': true,
  'UPSTREAM.TIMEOUT': true,
  INTERNAL: true,
} satisfies Record<ErrorCode, true>;
const CODES = Object.keys(ALL_CODES) as ErrorCode[];
const GRPC_STATUSES = new Set(Object.values(status).filter((v): v is number => typeof v === 'number'));

describe('error catalogue', () => {
  it.each(CODES)('gives %s an error HTTP status, a failing gRPC status and a title', (code) => {
    const info = describeError(code);
    expect(info.http).toBeGreaterThanOrEqual(400);
    expect(info.http).toBeLessThan(600);
    expect(GRPC_STATUSES.has(info.grpc)).toBe(true);
    expect(info.grpc).not.toBe(status.OK);
    expect(info.title.length).toBeGreaterThan(0);
  });

  it('answers server-side failures with 5xx and caller mistakes with 4xx', () => {
    expect(describeError('INTERNAL').http).toBe(500);
    expect(describeError('UPSTREAM.UNAVAILABLE').http).toBe(503);
    expect(describeError('UPSTREAM.TIMEOUT').http).toBe(504);
    // AUTH.HASHING_BUSY: auth is at its bound on concurrent password hashes; the caller did nothing wrong.
    expect(CODES.filter((c) => describeError(c).http >= 500).sort()).toEqual(['AUTH.HASHING_BUSY', 'INTERNAL', 'UPSTREAM.TIMEOUT', 'UPSTREAM.UNAVAILABLE']);
  });

  it('maps 401 to UNAUTHENTICATED and 403 to PERMISSION_DENIED', () => {
    for (const code of CODES) {
      const { http, grpc } = describeError(code);
      if (http === 401) expect(grpc).toBe(status.UNAUTHENTICATED);
      if (http === 403) expect(grpc).toBe(status.PERMISSION_DENIED);
    }
  });
});

describe('isErrorCode', () => {
  it('accepts every catalogue code', () => {
    expect(CODES.every((code) => isErrorCode(code))).toBe(true);
  });

  it.each([undefined, null, 42, '', 'internal', 'ORDER.NOPE', 'toString', '__proto__', 'constructor', 'hasOwnProperty'])('rejects %p', (value) => {
    expect(isErrorCode(value)).toBe(false);
  });
});

describe('ShopError', () => {
  it('defaults its message to the catalogue title and has no details', () => {
    const error = new ShopError('ORDER.NOT_FOUND');
    expect(error.code).toBe('ORDER.NOT_FOUND');
    expect(error.message).toBe(describeError('ORDER.NOT_FOUND').title);
    expect(error.details).toEqual({});
    expect(error).toBeInstanceOf(Error);
  });
});
