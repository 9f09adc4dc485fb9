import type { LabControl, LabSwitches } from '@shop/config';
import { callEdges, RPC_POLICIES, type ServiceName } from '@shop/topology';

export interface GuardedEdge {
  readonly from: ServiceName | 'browser';
  readonly to: ServiceName;
  readonly rpcs: readonly string[];
  readonly controls: ReadonlyArray<{ readonly control: LabControl; readonly on: boolean }>;
}

/** Controls the gateway enforces on the public hop, before any RPC is made. */
const EDGE_OF_THE_PLATFORM: readonly LabControl[] = ['rate-limit', 'revocation', 'mass-assignment', 'rbac'];

/**
 * Which lab switches weaken which hop, from where each control is enforced
 * (docs/controls): every internal call is mutual TLS plus the peer allow-list;
 * a call carrying user RPCs also needs a passport; order checks ownership
 * (backed by row-level security) and the admin role; inventory fetches images
 * through the SSRF guard for admins only.
 */
function controlsOf(to: ServiceName, rpcs: readonly string[]): LabControl[] {
  const controls: LabControl[] = ['mtls', 'peer-authz'];
  const carriesUserCalls = rpcs.some((path) => RPC_POLICIES.some((p) => p.path === path && p.server === to && !p.public));
  if (carriesUserCalls) controls.push('passport');
  if (to === 'order' && rpcs.some((path) => path.endsWith('/GetOrder'))) controls.push('ownership', 'rls', 'rbac');
  if (to === 'inventory' && rpcs.some((path) => path.endsWith('/ImportProductImage'))) controls.push('rbac', 'ssrf-guard');
  return controls;
}

/** The call graph of libs/topology, each edge with its controls and whether the lab switched one off. */
export function guardedEdges(lab: LabSwitches): GuardedEdge[] {
  const state = (controls: readonly LabControl[]) => controls.map((control) => ({ control, on: lab.isOn(control) }));
  return [
    { from: 'browser', to: 'gateway', rpcs: [], controls: state(EDGE_OF_THE_PLATFORM) },
    ...callEdges().map((edge) => ({ from: edge.from, to: edge.to, rpcs: edge.rpcs, controls: state(controlsOf(edge.to, edge.rpcs)) })),
  ];
}
