import { SHOP_NAMESPACE } from '@shop/topology';
import { differenceReport, isEqual, type Comparison } from './comparison';
import { expectedGrants } from './expected/expected-grants';
import { expectedPeerModes } from './expected/expected-peer-modes';
import { expectedReachability } from './expected/expected-reachability';
import { expectedSidecarScopes } from './expected/expected-sidecars';
import { MONITORING_NAMESPACE, runsVaultAgent } from './expected/workloads';
import { manifestGateFindings } from './gate/manifest-gate';
import type { K8sObject } from './manifests';
import { meshIdentities } from './mesh/mesh-identities';
import { evaluatePeerModes } from './mesh/peer-modes';
import { evaluateGrants } from './mesh/principal-table';
import { evaluateSidecarScopes } from './mesh/sidecar-scope';
import { evaluateReachability } from './network/reachability';
import { endpointsOf } from './network/universe';
import { formatGrants, formatReachability } from './report-format';
import { schemaProblems } from './schema/schema-check';

/** The result of every check on one rendered build (an overlay or a component combination). */
export interface RenderedCheck {
  readonly problems: string[];
  /** Printable tables: the reachability matrix, the principal -> method table, the Sidecar scopes. */
  readonly tables: Array<{ title: string; lines: string[] }>;
}

/**
 * Checks one `kubectl kustomize` output: schemas and unknown fields, the
 * manifest gate, and, where the build carries them, the NetworkPolicies,
 * AuthorizationPolicies and Sidecars against the topology.
 */
export function checkRendered(objects: readonly K8sObject[]): RenderedCheck {
  const problems = [...schemaProblems(objects), ...manifestGateFindings(objects).map((f) => `${f.rule}: ${f.message}`)];
  const tables: RenderedCheck['tables'] = [];
  const endpoints = endpointsOf(objects, [MONITORING_NAMESPACE]);
  const has = (kind: string) => objects.some((o) => o.kind === kind && o.metadata.namespace === SHOP_NAMESPACE);
  const compare = (comparison: Comparison, title: string, lines: string[]) => {
    problems.push(...differenceReport(comparison));
    tables.push({ title: `${title}${isEqual(comparison) ? ' = topology' : ' DIFFERS from the topology'}`, lines });
  };
  if (has('NetworkPolicy')) {
    // A build that runs the mesh needs its sidecars to reach istiod through the default deny.
    const mesh = has('PeerAuthentication');
    const vault = endpoints.some((e) => e.namespace === SHOP_NAMESPACE && runsVaultAgent(e));
    const actual = evaluateReachability(objects, endpoints, SHOP_NAMESPACE);
    compare({ title: 'reachability', actual, expected: expectedReachability(endpoints, { mesh, vault }) }, 'NetworkPolicy reachability (pod -> pod:port)', formatReachability(actual, SHOP_NAMESPACE));
  }
  if (has('AuthorizationPolicy') || has('PeerAuthentication')) {
    const modes = evaluatePeerModes(objects, endpoints, SHOP_NAMESPACE);
    compare({ title: 'mTLS modes', actual: modes, expected: expectedPeerModes(endpoints) }, 'Istio mTLS mode per workload port (PeerAuthentication)', [...modes].sort());
    const identities = meshIdentities(endpoints, SHOP_NAMESPACE);
    const actual = evaluateGrants(objects, endpoints, SHOP_NAMESPACE);
    const expected = expectedGrants(endpoints, identities);
    compare({ title: 'mesh grants', actual, expected }, 'Istio principal -> method (PeerAuthentication + AuthorizationPolicy)', formatGrants(actual, identities.map((i) => i.label)));
  }
  if (has('Sidecar')) {
    const actual = evaluateSidecarScopes(objects, endpoints, SHOP_NAMESPACE);
    compare({ title: 'sidecar scopes', actual, expected: expectedSidecarScopes(endpoints) }, 'Istio Sidecar egress per workload', [...actual].sort());
  }
  return { problems, tables };
}
