import type { GeneratedFile } from '../../generated-file';
import { kustomizationFile, yamlFile } from '../yaml-file';
import { namespaceNamed, networkPolicy, tcp } from './peers';

const DIR = 'k8s/components/istio-network-policies';

/** istiod's xDS and certificate port: every sidecar fetches its config and its SVID there. */
export const ISTIOD_XDS_PORT = 15012;

/**
 * The one hole the mesh needs in the default deny: sidecars must reach
 * istiod. Use this component together with `network-policies` and `istio`.
 * (Kubelet probes, which Istio rewrites to the agent's port, come from the
 * node, and NetworkPolicy always admits a pod's own node.)
 */
export function meshControlPlaneFiles(): GeneratedFile[] {
  const policies = yamlFile(`${DIR}/to-istiod.yaml`, () => [
    networkPolicy('sidecars-to-istiod', undefined, {
      egress: [{ to: [namespaceNamed('istio-system', { app: 'istiod' })], ports: [tcp(ISTIOD_XDS_PORT)] }],
    }),
  ]);
  return [policies, kustomizationFile(DIR, { resources: ['to-istiod.yaml'] }, true)];
}
