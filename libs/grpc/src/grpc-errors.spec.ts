import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ShopError } from '@shop/contracts';
import { fromGrpcError, toGrpcError } from './grpc-errors';

/** What a client sees of a failed call: the server's status, details and trailers. */
function asServiceError(payload: ReturnType<typeof toGrpcError>): ServiceError {
  return Object.assign(new Error(`${payload.code} ${payload.details}`), {
    code: payload.code,
    details: payload.details ?? '',
    metadata: payload.metadata ?? new Metadata(),
  });
}

function grpcFailure(code: status, metadata = new Metadata()): ServiceError {
  return Object.assign(new Error('upstream said no'), { code, details: 'upstream said no', metadata });
}

describe('toGrpcError', () => {
  it('maps a ShopError to its gRPC status and carries the code in metadata', () => {
    const payload = toGrpcError(new ShopError('ORDER.NOT_FOUND'));
    expect(payload.code).toBe(status.NOT_FOUND);
    expect(payload.metadata?.get('x-error-code')).toEqual(['ORDER.NOT_FOUND']);
  });

  it('turns anything else into INTERNAL without leaking its message', () => {
    const payload = toGrpcError(new Error('password=hunter2 at db.internal:5432'));
    expect(payload.code).toBe(status.INTERNAL);
    expect(payload.metadata?.get('x-error-code')).toEqual(['INTERNAL']);
    expect(payload.message).not.toContain('hunter2');
    expect(payload.details).not.toContain('db.internal');
  });
});

describe('fromGrpcError round trip', () => {
  it('restores code, message and details of a ShopError', () => {
    const original = new ShopError('ORDER.PAYMENT_DECLINED', 'card declined by issuer', { 'order-id': 'b7a4c7e2-1c1f-4f4e-9d8b-0f6f3b1a2c3d' });
    const restored = fromGrpcError(asServiceError(toGrpcError(original)));
    expect(restored).toBeInstanceOf(ShopError);
    expect(restored.code).toBe('ORDER.PAYMENT_DECLINED');
    expect(restored.message).toBe('card declined by issuer');
    expect(restored.details).toEqual({ 'order-id': 'b7a4c7e2-1c1f-4f4e-9d8b-0f6f3b1a2c3d' });
  });

  it('restores the catalogue title when no message was given', () => {
    const original = new ShopError('AUTH.LOGIN_THROTTLED', undefined, { 'retry-after': '8' });
    const restored = fromGrpcError(asServiceError(toGrpcError(original)));
    expect(restored.code).toBe('AUTH.LOGIN_THROTTLED');
    expect(restored.message).toBe(original.message);
    expect(restored.details).toEqual({ 'retry-after': '8' });
  });

  it('keeps a non-ShopError INTERNAL on the client side too', () => {
    const restored = fromGrpcError(asServiceError(toGrpcError(new TypeError('secret internals'))));
    expect(restored.code).toBe('INTERNAL');
    expect(restored.message).not.toContain('secret internals');
  });
});

describe('fromGrpcError without a stable code', () => {
  it.each([
    [status.UNAVAILABLE, 'UPSTREAM.UNAVAILABLE'],
    [status.CANCELLED, 'UPSTREAM.UNAVAILABLE'],
    [status.DEADLINE_EXCEEDED, 'UPSTREAM.TIMEOUT'],
    [status.PERMISSION_DENIED, 'PEER.DENIED'],
    [status.UNAUTHENTICATED, 'PASSPORT.INVALID'],
    [status.RESOURCE_EXHAUSTED, 'REQUEST.RATE_LIMITED'],
    [status.UNKNOWN, 'INTERNAL'],
    [status.NOT_FOUND, 'INTERNAL'],
  ])('maps gRPC status %s to %s', (code, expected) => {
    expect(fromGrpcError(grpcFailure(code)).code).toBe(expected);
  });

  it('ignores an x-error-code that is not in the catalogue', () => {
    const metadata = new Metadata();
    metadata.set('x-error-code', 'ADMIN.GRANTED');
    expect(fromGrpcError(grpcFailure(status.UNAVAILABLE, metadata)).code).toBe('UPSTREAM.UNAVAILABLE');
  });

  it('treats something that is not a gRPC error as INTERNAL', () => {
    expect(fromGrpcError(new Error('boom')).code).toBe('INTERNAL');
    expect(fromGrpcError(undefined).code).toBe('INTERNAL');
    expect(fromGrpcError('UNAVAILABLE').code).toBe('INTERNAL');
  });
});
