import { join } from 'node:path';

/**
 * Where the .proto files live. The build copies them next to the compiled
 * code, so the same relative path works from source (tests) and from dist.
 */
export const PROTO_ROOT = join(__dirname, 'proto');

/** One entry per gRPC package a service serves or calls. */
export interface GrpcPackageContract {
  /** Fully qualified package, e.g. `shop.order.v1`. */
  readonly package: string;
  /** The service name inside the package, e.g. `OrderService`. */
  readonly service: string;
  /** Path of the .proto file relative to PROTO_ROOT. */
  readonly protoFile: string;
}

export const AUTH_V1: GrpcPackageContract = {
  package: 'shop.auth.v1',
  service: 'AuthService',
  protoFile: 'shop/auth/v1/auth.proto',
};
export const ORDER_V1: GrpcPackageContract = {
  package: 'shop.order.v1',
  service: 'OrderService',
  protoFile: 'shop/order/v1/order.proto',
};
export const PAYMENT_V1: GrpcPackageContract = {
  package: 'shop.payment.v1',
  service: 'PaymentService',
  protoFile: 'shop/payment/v1/payment.proto',
};
export const INVENTORY_V1: GrpcPackageContract = {
  package: 'shop.inventory.v1',
  service: 'InventoryService',
  protoFile: 'shop/inventory/v1/inventory.proto',
};
// new:service inserts contracts above this line
export const HEALTH_V1: GrpcPackageContract = {
  package: 'grpc.health.v1',
  service: 'Health',
  protoFile: 'grpc/health/v1/health.proto',
};

/** The full gRPC method path Istio and the in-app allow-list both use. */
export function rpcPath(contract: GrpcPackageContract, method: string): string {
  return `/${contract.package}.${contract.service}/${method}`;
}
