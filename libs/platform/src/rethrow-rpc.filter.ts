import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';
import { ShopError } from '@shop/contracts';
import { isDatabaseOutage } from '@shop/persistence';

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = '2';

/**
 * Nest's default RPC filter replaces unknown errors with a generic object,
 * which would lose ShopError codes. Hand every error, untouched, to
 * ShopGrpcServer, the one place that maps errors to gRPC statuses, except a
 * database outage: that is not an internal bug but "unavailable, retry
 * later", and the gateway answers it 503 with Retry-After.
 */
@Catch()
export class RethrowRpcFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    if (!(exception instanceof ShopError) && isDatabaseOutage(exception)) {
      return throwError(() => new ShopError('UPSTREAM.UNAVAILABLE', 'the database is unavailable', { 'retry-after': DATABASE_RETRY_AFTER_SECONDS }));
    }
    return throwError(() => exception);
  }
}
