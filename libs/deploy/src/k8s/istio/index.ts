import type { GeneratedFile } from '../../generated-file';
import { kustomizationFile, yamlFile } from '../yaml-file';
import { authorizationPolicies } from './authorization-policies';
import { injectionPatch, jobSidecarPatch, meshTransportPatches } from './patches';
import { peerAuthentications } from './peer-authentication';
import { sidecars } from './sidecars';

const DIR = 'k8s/components/istio';

export function istioFiles(): GeneratedFile[] {
  const resources = [
    yamlFile(`${DIR}/peer-authentication.yaml`, peerAuthentications),
    yamlFile(`${DIR}/authorization-policies.yaml`, authorizationPolicies),
    yamlFile(`${DIR}/sidecars.yaml`, sidecars),
  ];
  const patches = [
    yamlFile(`${DIR}/patch-namespace-injection.yaml`, () => [injectionPatch()]),
    yamlFile(`${DIR}/patch-mesh-transport.yaml`, meshTransportPatches),
    yamlFile(`${DIR}/patch-job-native-sidecar.yaml`, () => [jobSidecarPatch()]),
  ];
  const relative = (f: GeneratedFile) => f.path.slice(DIR.length + 1);
  return [
    ...resources,
    ...patches,
    kustomizationFile(DIR, { resources: resources.map(relative), patches: patches.map((f) => ({ path: relative(f) })) }, true),
  ];
}
