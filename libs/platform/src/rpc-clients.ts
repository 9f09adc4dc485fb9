import { ClientGrpcProxy } from '@nestjs/microservices';
import type { ServiceConfig } from '@shop/config';
import { HEALTH_V1, type HealthServiceMethods, type ServiceMethods } from '@shop/contracts';
import { PROTO_LOADER_OPTIONS, RpcClient, SHARED_CHANNEL_OPTIONS } from '@shop/grpc';
import type { HopTracer, ReadinessCheck, ShopMetrics } from '@shop/observability';
import type { WorkloadTransport } from '@shop/security/transport-identity';
import { SERVICES, downstreamsOf, type ServiceName } from '@shop/topology';

const DEFAULT_DEADLINE_MS = 3000;
const HEALTH_DEADLINE_MS = 1000;
const RECONNECT_BACKOFF_MS = { initial: 250, max: 2000 } as const;

/**
 * Builds the typed gRPC clients of this service, one connection per
 * downstream, each with the credentials that pin the downstream's SPIFFE ID.
 * Only downstreams the topology lists for this service can be built.
 */
export class RpcClients {
  private readonly proxies = new Map<ServiceName, ClientGrpcProxy>();

  constructor(
    private readonly config: ServiceConfig,
    private readonly transport: WorkloadTransport,
    private readonly metrics: ShopMetrics,
    private readonly tracer?: HopTracer,
  ) {}

  private proxyFor(target: ServiceName): ClientGrpcProxy {
    const existing = this.proxies.get(target);
    if (existing) return existing;
    if (!downstreamsOf(this.config.service).includes(target)) {
      throw new Error(`${this.config.service} has no edge to ${target} in the topology`);
    }
    const contract = SERVICES[target].contract;
    if (!contract) throw new Error(`${target} serves no gRPC`);
    const proxy = new ClientGrpcProxy({
      url: this.config.addresses[target],
      package: [contract.package, HEALTH_V1.package],
      protoPath: [contract.protoFile, HEALTH_V1.protoFile],
      loader: PROTO_LOADER_OPTIONS,
      credentials: this.transport.channelCredentials(target),
      channelOptions: {
        ...SHARED_CHANNEL_OPTIONS,
        // The name sent as SNI; identity is checked on the SPIFFE ID, not on it.
        'grpc.ssl_target_name_override': `${target}.shop.internal`,
        // A restarted peer is back within seconds: retry the connection often.
        // grpc-js's default backoff (1 s growing 1.6x to 2 min) kept callers
        // failing 15 s after the peer was up again.
        'grpc.initial_reconnect_backoff_ms': RECONNECT_BACKOFF_MS.initial,
        'grpc.max_reconnect_backoff_ms': RECONNECT_BACKOFF_MS.max,
      },
    });
    this.proxies.set(target, proxy);
    return proxy;
  }

  for<M extends ServiceMethods<M>>(target: ServiceName): RpcClient<M> {
    const contract = SERVICES[target].contract;
    if (!contract) throw new Error(`${target} serves no gRPC`);
    return new RpcClient<M>({
      target,
      contract,
      proxy: this.proxyFor(target),
      metrics: this.metrics,
      tracer: this.tracer,
      defaultDeadlineMs: DEFAULT_DEADLINE_MS,
      decorateMetadata: (metadata) => this.transport.decorateOutboundMetadata(metadata),
    });
  }

  /** /readyz: each downstream answers a health check over the real channel. */
  readinessChecks(): ReadinessCheck[] {
    return downstreamsOf(this.config.service).map((target) => {
      const health = new RpcClient<HealthServiceMethods>({
        target,
        contract: HEALTH_V1,
        proxy: this.proxyFor(target),
        metrics: this.metrics,
        defaultDeadlineMs: HEALTH_DEADLINE_MS,
        decorateMetadata: (metadata) => this.transport.decorateOutboundMetadata(metadata),
      });
      return {
        name: target,
        check: async () => {
          const { status } = await health.call('Check', { service: '' });
          if (status !== 'SERVING') throw new Error(`status ${status}`);
        },
      };
    });
  }

  close(): void {
    for (const proxy of this.proxies.values()) proxy.close();
    this.proxies.clear();
  }
}
