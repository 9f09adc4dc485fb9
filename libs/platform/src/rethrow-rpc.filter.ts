import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC filter replaces unknown errors with a generic object,
 * which would lose ShopError codes. Hand every error, untouched, to
 * ShopGrpcServer, the one place that maps errors to gRPC statuses.
 */
@Catch()
export class RethrowRpcFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
