import { Metadata, status as GrpcStatus, type ServiceError, type StatusObject } from '@grpc/grpc-js';
import { ERROR_CODE_METADATA_KEY, ShopError, describeError, isErrorCode, type ErrorCode } from '@shop/contracts';

export type GrpcErrorPayload = Partial<StatusObject> & { code: GrpcStatus; message: string };

/**
 * Server side: a ShopError becomes its gRPC status plus the stable code in
 * trailing metadata. Anything else is an internal error whose details never
 * leave the process (the caller gets INTERNAL and the correlation id).
 */
export function toGrpcError(error: unknown): GrpcErrorPayload {
  const shopError = error instanceof ShopError ? error : new ShopError('INTERNAL');
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_METADATA_KEY, shopError.code);
  for (const [key, value] of Object.entries(shopError.details)) metadata.set(`x-error-${key.toLowerCase()}`, value);
  const message = `${shopError.code}: ${shopError.message}`;
  return { code: describeError(shopError.code).grpc, details: message, message, metadata };
}

function fallbackCode(status: GrpcStatus): ErrorCode {
  switch (status) {
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.CANCELLED:
      return 'UPSTREAM.UNAVAILABLE';
    case GrpcStatus.DEADLINE_EXCEEDED:
      return 'UPSTREAM.TIMEOUT';
    case GrpcStatus.PERMISSION_DENIED:
      return 'PEER.DENIED';
    case GrpcStatus.UNAUTHENTICATED:
      return 'PASSPORT.INVALID';
    case GrpcStatus.RESOURCE_EXHAUSTED:
      return 'REQUEST.RATE_LIMITED';
    default:
      return 'INTERNAL';
  }
}

/** Client side: turns a failed call back into a ShopError with its stable code. */
export function fromGrpcError(error: unknown): ShopError {
  const serviceError = error as Partial<ServiceError>;
  if (typeof serviceError?.code !== 'number') return new ShopError('INTERNAL');
  const metadata = serviceError.metadata;
  const code = metadata?.get(ERROR_CODE_METADATA_KEY)[0];
  if (isErrorCode(code)) {
    const details: Record<string, string> = {};
    for (const [key, value] of Object.entries(metadata?.getMap() ?? {})) {
      if (key.startsWith('x-error-') && key !== ERROR_CODE_METADATA_KEY) details[key.slice('x-error-'.length)] = String(value);
    }
    const message = (serviceError.details ?? '').replace(`${code}: `, '');
    return new ShopError(code, message || undefined, details);
  }
  return new ShopError(fallbackCode(serviceError.code));
}
