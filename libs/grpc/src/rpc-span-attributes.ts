import type { GrpcPackageContract } from '@shop/contracts';

/** OpenTelemetry's RPC span attributes (semantic conventions) for one gRPC method. */
export function rpcSpanAttributes(path: string): Record<string, string> {
  // `/shop.order.v1.OrderService/PlaceOrder`
  const slash = path.lastIndexOf('/');
  return { 'rpc.system': 'grpc', 'rpc.service': path.slice(1, slash), 'rpc.method': path.slice(slash + 1) };
}

export function rpcClientSpanAttributes(contract: GrpcPackageContract, method: string, target: string): Record<string, string> {
  return { 'rpc.system': 'grpc', 'rpc.service': `${contract.package}.${contract.service}`, 'rpc.method': method, 'peer.service': target };
}
