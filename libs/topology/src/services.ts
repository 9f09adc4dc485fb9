import {
  AUTH_V1,
  INVENTORY_V1,
  ORDER_V1,
  PAYMENT_V1,
  // new:service inserts contract imports above this line
  type GrpcPackageContract,
} from '@shop/contracts';

export const SERVICE_NAMES = [
  'gateway',
  'auth',
  'order',
  'payment',
  'inventory',
  // new:service inserts service names above this line
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceSpec {
  readonly name: ServiceName;
  /** One line on what it does: the README's services table is generated from it. */
  readonly summary: string;
  /** Prometheus, /healthz and /readyz. Never the public listener. */
  readonly opsPort: number;
  /** Internal gRPC port; absent for the gateway, which serves HTTPS only. */
  readonly grpcPort?: number;
  /** The public HTTPS listener; only the gateway has one. */
  readonly httpsPort?: number;
  /** The gRPC service this service serves. */
  readonly contract?: GrpcPackageContract;
  /** Its own PostgreSQL schema; its database roles have rights on nothing else. */
  readonly schema?: string;
  /** Talks to Redis (rate limits, token denylist); nothing else may reach Redis. */
  readonly usesRedis?: boolean;
  /**
   * TCP ports it may open to public internet addresses (never private,
   * link-local or loopback ones). Only inventory, for the SSRF-guarded image
   * import; every other service has no way out of the cluster.
   */
  readonly internetEgressPorts?: readonly number[];
}

export const SERVICES: Readonly<Record<ServiceName, ServiceSpec>> = {
  gateway: {
    name: 'gateway',
    summary: 'the only public entry: validates access tokens, mints internal passports, rate limits, REST API',
    opsPort: 9100,
    httpsPort: 8443,
    usesRedis: true,
  },
  auth: { name: 'auth', summary: 'users (argon2id), access + refresh tokens, JWKS', opsPort: 9101, grpcPort: 50051, contract: AUTH_V1, schema: 'auth' },
  order: { name: 'order', summary: 'checkout saga, orders owned by users', opsPort: 9102, grpcPort: 50052, contract: ORDER_V1, schema: 'orders' },
  payment: { name: 'payment', summary: 'fake card processor, idempotent per order, refunds', opsPort: 9103, grpcPort: 50053, contract: PAYMENT_V1, schema: 'payments' },
  inventory: {
    name: 'inventory',
    summary: 'products, stock reservations, product images imported from a URL (the only outbound HTTP, through the SSRF guard)',
    opsPort: 9104,
    grpcPort: 50054,
    contract: INVENTORY_V1,
    schema: 'inventory',
    internetEgressPorts: [80, 443],
  },
  // new:service inserts service entries above this line
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** The services that serve gRPC, i.e. every service except the gateway. */
export const GRPC_SERVICES: readonly ServiceName[] = SERVICE_NAMES.filter((name) => SERVICES[name].grpcPort);
