import {
  AUTH_V1,
  INVENTORY_V1,
  ORDER_V1,
  PAYMENT_V1,
  type GrpcPackageContract,
} from '@shop/contracts';

export const SERVICE_NAMES = ['gateway', 'auth', 'order', 'payment', 'inventory'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface ServiceSpec {
  readonly name: ServiceName;
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
}

export const SERVICES: Readonly<Record<ServiceName, ServiceSpec>> = {
  gateway: { name: 'gateway', opsPort: 9100, httpsPort: 8443 },
  auth: { name: 'auth', opsPort: 9101, grpcPort: 50051, contract: AUTH_V1, schema: 'auth' },
  order: { name: 'order', opsPort: 9102, grpcPort: 50052, contract: ORDER_V1, schema: 'orders' },
  payment: { name: 'payment', opsPort: 9103, grpcPort: 50053, contract: PAYMENT_V1, schema: 'payments' },
  inventory: { name: 'inventory', opsPort: 9104, grpcPort: 50054, contract: INVENTORY_V1, schema: 'inventory' },
};

export function isServiceName(value: string): value is ServiceName {
  return (SERVICE_NAMES as readonly string[]).includes(value);
}

/** The services that serve gRPC, i.e. every service except the gateway. */
export const GRPC_SERVICES: readonly ServiceName[] = SERVICE_NAMES.filter((name) => SERVICES[name].grpcPort);
