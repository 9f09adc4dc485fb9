import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

// Sub-millisecond buckets: the interesting latencies here are per hop on loopback.
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * One registry per process with the default Node metrics and the platform's
 * own request, security and TLS metrics. Names are stable: alert rules and the
 * benchmark read them.
 */
export class ShopMetrics {
  readonly registry = new Registry();

  readonly rpcServerRequests = new Counter({
    name: 'shop_rpc_server_requests_total',
    help: 'Inbound gRPC calls by calling workload, RPC path and status code name.',
    // caller: the shop service named by the peer's SPIFFE ID, `unknown` or `none` (bounded).
    labelNames: ['caller', 'rpc', 'code'] as const,
    registers: [this.registry],
  });

  readonly rpcServerDuration = new Histogram({
    name: 'shop_rpc_server_duration_seconds',
    help: 'Inbound gRPC call latency.',
    labelNames: ['rpc'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly rpcClientRequests = new Counter({
    name: 'shop_rpc_client_requests_total',
    help: 'Outbound gRPC calls by target service, RPC path and status code name.',
    labelNames: ['target', 'rpc', 'code'] as const,
    registers: [this.registry],
  });

  readonly rpcClientDuration = new Histogram({
    name: 'shop_rpc_client_duration_seconds',
    help: 'Outbound gRPC call latency, including the network hop.',
    labelNames: ['target', 'rpc'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly httpRequests = new Counter({
    name: 'shop_http_requests_total',
    help: 'Public HTTP requests by method, route template and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'shop_http_request_duration_seconds',
    help: 'Public HTTP request latency.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly securityEvents = new Counter({
    name: 'shop_security_events_total',
    help: 'Security events by stable event name and reason.',
    labelNames: ['event', 'reason'] as const,
    registers: [this.registry],
  });

  readonly tokenValidationFailures = new Counter({
    name: 'shop_token_validation_failures_total',
    help: 'Refused access tokens (at the gateway, source "edge") and passports (in services, source: the calling workload) by reason.',
    labelNames: ['kind', 'source', 'reason'] as const,
    registers: [this.registry],
  });

  readonly memoryLimit = new Gauge({
    name: 'shop_process_memory_limit_bytes',
    help: 'The cgroup memory limit this process runs under; absent when there is none.',
    registers: [this.registry],
  });

  readonly tlsHandshakes = new Counter({
    name: 'shop_tls_handshakes_total',
    // grpc: every ClientHello (full or resumed, accepted or not), an upper bound on full
    // handshakes; https: every completed TLS connection.
    help: 'TLS handshakes on this process\'s listeners (grpc: ClientHellos received, an upper bound on full handshakes; https: connections established).',
    labelNames: ['listener'] as const,
    registers: [this.registry],
  });

  readonly dependencyOutages = new Counter({
    name: 'shop_dependency_outages_total',
    help: 'Requests refused because a dependency was down (an outage, not the caller\'s fault and not an attack), by dependency.',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  readonly jwksRefreshFailures = new Counter({
    name: 'shop_jwks_refresh_failures_total',
    help: 'Failed fetches of auth\'s JWKS at the gateway (the previous keys stay in use).',
    registers: [this.registry],
  });

  readonly inflightRpcs = new Gauge({
    name: 'shop_rpc_server_inflight',
    help: 'Inbound gRPC calls being served right now.',
    registers: [this.registry],
  });

  readonly dbCredentialReloads = new Counter({
    name: 'shop_db_credential_reloads_total',
    help: 'Reactions to a changed db.json: swapped (new pool in use), renewed (same login, new lease), unchanged, or rejected with a reason (the last good pool stays).',
    labelNames: ['outcome', 'reason'] as const,
    registers: [this.registry],
  });

  readonly dbCredentialLeaseExpiry = new Gauge({
    name: 'shop_db_credential_lease_expiry_timestamp_seconds',
    help: 'Unix time at which the database credentials in use stop accepting new logins; 0 for static credentials.',
    registers: [this.registry],
  });

  readonly dbPoolsDraining = new Gauge({
    name: 'shop_db_pools_draining',
    help: 'Database pools of replaced credentials still finishing in-flight work.',
    registers: [this.registry],
  });

  readonly labControlEnabled = new Gauge({
    name: 'shop_lab_control_enabled',
    help: 'Each lab switch as this process runs it: 1 on, 0 switched off (SHOP_ENV=lab only). The attack lab reads it to show what the target has off.',
    labelNames: ['control'] as const,
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const limit = cgroupMemoryLimit();
    if (limit !== undefined) this.memoryLimit.set(limit);
  }
}

/**
 * Node reads the cgroup (v1 or v2) limit; without one it reports a huge number
 * (2^64 rounded to a double), which must not become a gauge value.
 */
function cgroupMemoryLimit(): number | undefined {
  const limit = process.constrainedMemory?.();
  return limit && limit < Number.MAX_SAFE_INTEGER ? limit : undefined;
}
