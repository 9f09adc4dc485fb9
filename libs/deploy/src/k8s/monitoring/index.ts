import type { GeneratedFile } from '../../generated-file';
import { restrictedNamespace } from '../base/namespace';
import { MONITORING_NAMESPACE } from '../k8s-names';
import { kustomizationFile, yamlFile } from '../yaml-file';
import { alertRulesConfigMap } from './alert-rules';
import { prometheusManifests } from './prometheus';

const DIR = 'k8s/components/monitoring';

/** Nothing may open a connection into the monitoring namespace (use kubectl port-forward). */
function denyIngress() {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'default-deny-ingress', namespace: MONITORING_NAMESPACE },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };
}

export function monitoringFiles(): GeneratedFile[] {
  const files = [
    yamlFile(`${DIR}/namespace.yaml`, () => [restrictedNamespace(MONITORING_NAMESPACE), denyIngress()]),
    yamlFile(`${DIR}/prometheus.yaml`, prometheusManifests),
    yamlFile(`${DIR}/prometheus-rules.yaml`, alertRulesConfigMap),
  ];
  return [...files, kustomizationFile(DIR, { resources: ['namespace.yaml', 'prometheus.yaml', 'prometheus-rules.yaml'] }, true)];
}
