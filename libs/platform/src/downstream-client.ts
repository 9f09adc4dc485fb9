import type { ServiceMethods } from '@shop/contracts';
import type { RpcClient } from '@shop/grpc';
import type { ServiceName } from '@shop/topology';
import type { ServiceRuntime } from './service-runtime';

/**
 * Base of the per-target client classes in apps/<svc>/src/clients/, which
 * expose only the RPCs that service actually uses.
 */
export abstract class DownstreamClient<M extends ServiceMethods<M>> {
  protected readonly rpc: RpcClient<M>;

  protected constructor(runtime: ServiceRuntime, target: ServiceName) {
    this.rpc = runtime.clients.for<M>(target);
  }
}
