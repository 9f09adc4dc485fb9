import type { ServiceConfig } from '@shop/config';
import type { HopTracer, Logger, ShopMetrics } from '@shop/observability';
import type { RoleCheck } from '@shop/security/authz';
import type { SecurityEvents } from '@shop/security/audit';
import type { SecretFiles } from '@shop/security/secrets';
import type { WorkloadTransport } from '@shop/security/transport-identity';
import type { RpcClients } from './rpc-clients';

/**
 * Everything a service's own code may need from the platform, built once at
 * start and injected with @Inject(SERVICE_RUNTIME).
 */
export interface ServiceRuntime {
  readonly config: ServiceConfig;
  readonly logger: Logger;
  readonly metrics: ShopMetrics;
  readonly events: SecurityEvents;
  /** Spans of every hop; exports only when an OTLP endpoint is configured. */
  readonly tracer: HopTracer;
  readonly secrets: SecretFiles;
  readonly transport: WorkloadTransport;
  readonly clients: RpcClients;
  readonly roles: RoleCheck;
}
