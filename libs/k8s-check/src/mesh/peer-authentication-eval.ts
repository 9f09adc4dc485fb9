import type { K8sObject } from '../manifests';
import { UnsupportedPolicyError, selectorMatches, type LabelSelector } from '../network/label-selector';
import type { MeshWorkload } from './mesh-request';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
type Declared = MtlsMode | 'UNSET' | undefined;

interface PeerAuthenticationSpec {
  selector?: LabelSelector;
  mtls?: { mode?: Declared };
  portLevelMtls?: Record<string, { mode?: Declared }>;
}

/**
 * PeerAuthentication, from the Istio reference: the most specific policy
 * wins: a workload policy (with selector), else the namespace one, else the
 * mesh-wide one in the root namespace; UNSET inherits from the level above;
 * with nothing set the mode is PERMISSIVE. portLevelMtls (workload policies
 * only) overrides the mode for one container port.
 */
export class PeerAuthenticationEvaluator {
  private readonly policies: ReadonlyArray<{ namespace: string; spec: PeerAuthenticationSpec }>;

  constructor(objects: readonly K8sObject[], private readonly rootNamespace = 'istio-system') {
    this.policies = objects
      .filter((o) => o.kind === 'PeerAuthentication')
      .map((o) => ({ namespace: o.metadata.namespace ?? 'default', spec: (o['spec'] ?? {}) as PeerAuthenticationSpec }));
  }

  modeFor(workload: MeshWorkload, port: number): MtlsMode {
    const inNamespace = this.policies.filter((p) => p.namespace === workload.namespace);
    const specific = inNamespace.filter((p) => p.spec.selector && selectorMatches(p.spec.selector, workload.labels));
    if (specific.length > 1) throw new UnsupportedPolicyError(`${specific.length} workload PeerAuthentications select one workload (Istio picks the oldest)`);
    const namespaceWide = inNamespace.filter((p) => !p.spec.selector);
    const meshWide = this.policies.filter((p) => p.namespace === this.rootNamespace && !p.spec.selector);
    if (namespaceWide.length > 1 || meshWide.length > 1) throw new UnsupportedPolicyError('more than one namespace- or mesh-wide PeerAuthentication');
    const chain: Declared[] = [
      specific[0]?.spec.portLevelMtls?.[String(port)]?.mode,
      specific[0]?.spec.mtls?.mode,
      namespaceWide[0]?.spec.mtls?.mode,
      meshWide[0]?.spec.mtls?.mode,
    ];
    if (namespaceWide[0]?.spec.portLevelMtls || meshWide[0]?.spec.portLevelMtls) {
      throw new UnsupportedPolicyError('portLevelMtls without a workload selector (Istio ignores it)');
    }
    return (chain.find((mode) => mode !== undefined && mode !== 'UNSET') as MtlsMode | undefined) ?? 'PERMISSIVE';
  }
}
