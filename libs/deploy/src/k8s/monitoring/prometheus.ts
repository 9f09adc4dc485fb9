import { stringify } from 'yaml';
import { DEPLOY } from '../../deploy-settings';
import { containerSecurityContext, podSecurityContext, resourcesOf, scratchVolume } from '../base/security-context';
import { API_TOKEN_REASON_ANNOTATION, MONITORING_NAMESPACE, NAME_LABEL, labelsOf, selectorOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';

export const PROMETHEUS = { name: 'prometheus', port: 9090, uid: 65534, image: 'prom/prometheus:v3.5.0' } as const;
/** The alert-rules ConfigMap (alert-rules.ts); optional in the pod so Prometheus starts without it. */
export const RULES_CONFIG_MAP = 'prometheus-rules';

/** Scrapes every container port named `ops` in the shop namespace, found through the API. */
export function scrapeConfig(): string {
  const label = (name: string) => `__meta_kubernetes_pod_label_${name.replace(/[^a-zA-Z0-9]/g, '_')}`;
  return stringify({
    global: { scrape_interval: '15s', evaluation_interval: '15s' },
    rule_files: ['/etc/prometheus/rules/*.yml'],
    scrape_configs: [
      {
        job_name: 'shop',
        kubernetes_sd_configs: [{ role: 'pod', namespaces: { names: [DEPLOY.namespace] } }],
        relabel_configs: [
          { source_labels: ['__meta_kubernetes_pod_container_port_name'], action: 'keep', regex: 'ops' },
          { source_labels: [label(NAME_LABEL)], target_label: 'service' },
          { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ],
      },
    ],
  });
}

const meta = (name: string, namespace = MONITORING_NAMESPACE) => ({ name, namespace, labels: labelsOf(PROMETHEUS.name, 'monitoring') });

/** Read-only pod discovery in the shop namespace: no wildcard, no cluster-wide right. */
function discoveryRbac(): Manifest[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('prometheus-discovery', DEPLOY.namespace),
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('prometheus-discovery', DEPLOY.namespace),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'prometheus-discovery' },
      subjects: [{ kind: 'ServiceAccount', name: PROMETHEUS.name, namespace: MONITORING_NAMESPACE }],
    },
  ];
}

function deployment(): Manifest {
  const probe = (path: string) => ({ httpGet: { path, port: 'http' }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(PROMETHEUS.name),
    spec: {
      replicas: 1,
      selector: { matchLabels: selectorOf(PROMETHEUS.name) },
      template: {
        metadata: {
          labels: labelsOf(PROMETHEUS.name, 'monitoring'),
          annotations: { [API_TOKEN_REASON_ANNOTATION]: 'kubernetes_sd lists the pods of the shop namespace' },
        },
        spec: {
          serviceAccountName: PROMETHEUS.name,
          automountServiceAccountToken: true,
          securityContext: podSecurityContext(PROMETHEUS.uid),
          containers: [
            {
              name: PROMETHEUS.name,
              image: PROMETHEUS.image,
              imagePullPolicy: 'IfNotPresent',
              args: ['--config.file=/etc/prometheus/config/prometheus.yml', '--storage.tsdb.path=/prometheus', '--storage.tsdb.retention.time=1d'],
              ports: [{ name: 'http', containerPort: PROMETHEUS.port, protocol: 'TCP' }],
              livenessProbe: probe('/-/healthy'),
              readinessProbe: probe('/-/ready'),
              resources: resourcesOf({ cpu: ['100m', '1'], memory: ['256Mi', '512Mi'] }),
              securityContext: containerSecurityContext(),
              volumeMounts: [
                { name: 'config', mountPath: '/etc/prometheus/config', readOnly: true },
                { name: 'rules', mountPath: '/etc/prometheus/rules', readOnly: true },
                { name: 'data', mountPath: '/prometheus' },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: 'prometheus-config' } },
            { name: 'rules', configMap: { name: RULES_CONFIG_MAP, optional: true } },
            scratchVolume('data', '1Gi'),
          ],
        },
      },
    },
  };
}

export function prometheusManifests(): Manifest[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(PROMETHEUS.name), automountServiceAccountToken: false },
    ...discoveryRbac(),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('prometheus-config'), data: { 'prometheus.yml': scrapeConfig() } },
    deployment(),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(PROMETHEUS.name),
      spec: { selector: selectorOf(PROMETHEUS.name), ports: [{ name: 'http', port: PROMETHEUS.port, targetPort: 'http' }] },
    },
  ];
}
