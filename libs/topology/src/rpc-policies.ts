import {
  AUTH_V1,
  HEALTH_V1,
  INVENTORY_V1,
  ORDER_V1,
  PAYMENT_V1,
  // new:service inserts contract imports above this line
  rpcPath,
  type GrpcPackageContract,
} from '@shop/contracts';
import type { Operation } from './operations';
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
  /** The public operations (the passport's `op`) that may reach it; empty when public. */
  readonly operations: readonly Operation[];
  /**
   * Moves money or stock for one order: the passport must be bound to the
   * request's `orderId` (its `order_id` claim), so one captured passport can
   * act on one order only.
   */
  readonly bindsOrder: boolean;
}

/** Who may reach a non-public RPC: the operations, and whether the passport must name the request's order. */
interface PassportAccess {
  readonly operations: readonly Operation[];
  readonly bindsOrder?: true;
}

function rpc(server: ServiceName, contract: GrpcPackageContract, method: string, callers: ServiceName[], access: 'public' | PassportAccess): RpcPolicy {
  const base = { path: rpcPath(contract, method), server, method, callers };
  if (access === 'public') return { ...base, public: true, operations: [], bindsOrder: false };
  return { ...base, public: false, operations: access.operations, bindsOrder: access.bindsOrder === true };
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
  rpc('auth', AUTH_V1, 'Logout', ['gateway'], { operations: ['auth.logout'] }),

  rpc('inventory', INVENTORY_V1, 'ListProducts', ['gateway'], 'public'),
  rpc('inventory', INVENTORY_V1, 'GetProduct', ['gateway'], 'public'),
  rpc('inventory', INVENTORY_V1, 'ReserveStock', ['order'], { operations: ['orders.place'], bindsOrder: true }),
  // Undoing needs the compensation passport the gateway minted for that one order (saga and recovery alike).
  rpc('inventory', INVENTORY_V1, 'ReleaseStock', ['order'], { operations: ['orders.compensate'], bindsOrder: true }),
  rpc('inventory', INVENTORY_V1, 'ImportProductImage', ['gateway'], { operations: ['admin.products.import-image'] }),
  rpc('inventory', INVENTORY_V1, 'GetProductImage', ['gateway'], 'public'),

  // The new order takes the id the checkout passport is bound to.
  rpc('order', ORDER_V1, 'PlaceOrder', ['gateway'], { operations: ['orders.place'] }),
  rpc('order', ORDER_V1, 'GetOrder', ['gateway'], { operations: ['orders.get'] }),
  rpc('order', ORDER_V1, 'ListMyOrders', ['gateway'], { operations: ['orders.list'] }),
  rpc('order', ORDER_V1, 'AdminListOrders', ['gateway'], { operations: ['admin.orders.list'] }),

  rpc('payment', PAYMENT_V1, 'Charge', ['order'], { operations: ['orders.place'], bindsOrder: true }),
  rpc('payment', PAYMENT_V1, 'Refund', ['order'], { operations: ['orders.compensate'], bindsOrder: true }),
  // new:service inserts RPC lines above this line
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
