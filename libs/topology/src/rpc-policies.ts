import {
  AUTH_V1,
  HEALTH_V1,
  INVENTORY_V1,
  ORDER_V1,
  PAYMENT_V1,
  rpcPath,
  type GrpcPackageContract,
} from '@shop/contracts';
import { GRPC_SERVICES, SERVICES, type ServiceName } from './services';

export interface RpcPolicy {
  /** `/shop.payment.v1.PaymentService/Charge` */
  readonly path: string;
  /** The service that serves it. */
  readonly server: ServiceName;
  readonly method: string;
  /** Workloads allowed to call it (checked on every call, whatever the transport). */
  readonly callers: readonly ServiceName[];
  /** Public RPCs need no user passport: catalogue reads, login, health. */
  readonly public: boolean;
  /**
   * A compensating RPC (refund, release) that order's saga recovery may call
   * without a passport, naming the order's owner, once the user who started
   * the checkout is long gone. Undoing is all it can do; peer authorization
   * still admits only the listed callers.
   */
  readonly compensation: boolean;
}

function rpc(
  server: ServiceName,
  contract: GrpcPackageContract,
  method: string,
  callers: ServiceName[],
  access: 'public' | 'passport' | 'passport-or-compensation',
): RpcPolicy {
  return { path: rpcPath(contract, method), server, method, callers, public: access === 'public', compensation: access === 'passport-or-compensation' };
}

/**
 * THE call graph. Everything else (the in-app allow-list, NetworkPolicies,
 * Istio AuthorizationPolicies, compose networks) derives from this list or is
 * checked against it.
 */
const BUSINESS_RPCS: readonly RpcPolicy[] = [
  rpc('auth', AUTH_V1, 'Register', ['gateway'], 'public'),
  rpc('auth', AUTH_V1, 'Login', ['gateway'], 'public'),
  rpc('auth', AUTH_V1, 'Refresh', ['gateway'], 'public'),
  rpc('auth', AUTH_V1, 'GetJwks', ['gateway'], 'public'),
  rpc('auth', AUTH_V1, 'Logout', ['gateway'], 'passport'),

  rpc('inventory', INVENTORY_V1, 'ListProducts', ['gateway'], 'public'),
  rpc('inventory', INVENTORY_V1, 'GetProduct', ['gateway'], 'public'),
  rpc('inventory', INVENTORY_V1, 'ReserveStock', ['order'], 'passport'),
  rpc('inventory', INVENTORY_V1, 'ReleaseStock', ['order'], 'passport-or-compensation'),
  rpc('inventory', INVENTORY_V1, 'ImportProductImage', ['gateway'], 'passport'),
  rpc('inventory', INVENTORY_V1, 'GetProductImage', ['gateway'], 'public'),

  rpc('order', ORDER_V1, 'PlaceOrder', ['gateway'], 'passport'),
  rpc('order', ORDER_V1, 'GetOrder', ['gateway'], 'passport'),
  rpc('order', ORDER_V1, 'ListMyOrders', ['gateway'], 'passport'),
  rpc('order', ORDER_V1, 'AdminListOrders', ['gateway'], 'passport'),

  rpc('payment', PAYMENT_V1, 'Charge', ['order'], 'passport'),
  rpc('payment', PAYMENT_V1, 'Refund', ['order'], 'passport-or-compensation'),
];

/** Callers of a service: every workload allowed to call at least one of its RPCs. */
function callersOfService(server: ServiceName): ServiceName[] {
  const callers = new Set(BUSINESS_RPCS.filter((p) => p.server === server).flatMap((p) => p.callers));
  return [...callers].sort();
}

/**
 * Health checks are open to exactly the workloads that may call the service
 * anyway, so /readyz probes the real, authenticated channel.
 */
const HEALTH_RPCS: readonly RpcPolicy[] = GRPC_SERVICES.map((server) =>
  rpc(server, HEALTH_V1, 'Check', callersOfService(server), 'public'),
);

export const RPC_POLICIES: readonly RpcPolicy[] = [...BUSINESS_RPCS, ...HEALTH_RPCS];

/** Health paths are the same on every server, so look-ups are per server. */
const byServerAndPath = new Map(RPC_POLICIES.map((p) => [`${p.server} ${p.path}`, p]));

export function policyFor(server: ServiceName, path: string): RpcPolicy | undefined {
  return byServerAndPath.get(`${server} ${path}`);
}

export function policiesOf(server: ServiceName): RpcPolicy[] {
  return RPC_POLICIES.filter((p) => p.server === server);
}

/** A directed edge of the call graph with the RPCs it carries. */
export interface CallEdge {
  readonly from: ServiceName;
  readonly to: ServiceName;
  readonly port: number;
  readonly rpcs: readonly string[];
}

export function callEdges(): CallEdge[] {
  const edges = new Map<string, { from: ServiceName; to: ServiceName; rpcs: string[] }>();
  for (const policy of RPC_POLICIES) {
    for (const from of policy.callers) {
      const key = `${from}->${policy.server}`;
      const edge = edges.get(key) ?? { from, to: policy.server, rpcs: [] };
      edge.rpcs.push(policy.path);
      edges.set(key, edge);
    }
  }
  return [...edges.values()].map((e) => ({ ...e, port: SERVICES[e.to].grpcPort as number }));
}

/** The gRPC services `service` calls, in a stable order. */
export function downstreamsOf(service: ServiceName): ServiceName[] {
  return callEdges()
    .filter((e) => e.from === service)
    .map((e) => e.to)
    .sort();
}
