import { describe, podTemplateOf, type K8sObject } from '../manifests';
import { POD_RULES, type Finding } from './pod-rules';

type Obj = Record<string, unknown>;

/** Rules on objects other than pod templates. */
export const OBJECT_RULES: ReadonlyArray<{ id: string; check(o: K8sObject, all: readonly K8sObject[]): string[] }> = [
  {
    id: 'no-wildcard-rbac',
    check: (o) => {
      if (!['Role', 'ClusterRole'].includes(o.kind)) return [];
      const rules = (o['rules'] as Array<Record<string, string[] | undefined>> | undefined) ?? [];
      const wild = rules.some((r) => ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'].some((k) => r[k]?.some((v) => v.includes('*'))));
      return wild ? [`${describe(o)}: a rule uses "*"`] : [];
    },
  },
  {
    id: 'no-literal-secret',
    check: (o) => {
      if (o.kind !== 'Secret') return [];
      const filled = (k: string) => Object.keys((o[k] as Obj | undefined) ?? {}).length > 0;
      return filled('data') || filled('stringData') ? [`${describe(o)}: holds literal data (create Secrets at deploy time, never in the manifests)`] : [];
    },
  },
  {
    id: 'namespace-restricted',
    check: (o) => (o.kind === 'Namespace' && o.metadata.labels?.['pod-security.kubernetes.io/enforce'] !== 'restricted' ? [`${describe(o)}: Pod Security Admission does not enforce "restricted"`] : []),
  },
  {
    id: 'own-service-account',
    check: (o, all) => {
      const template = podTemplateOf(o);
      const account = template?.spec['serviceAccountName'];
      if (typeof account !== 'string' || account === 'default') return [];
      const sharers = all.filter((other) => other !== o && podTemplateOf(other)?.spec['serviceAccountName'] === account && other.metadata.namespace === o.metadata.namespace);
      const exists = all.some((x) => x.kind === 'ServiceAccount' && x.metadata.name === account && x.metadata.namespace === o.metadata.namespace);
      return [...(sharers.length > 0 ? [`${describe(o)}: shares ServiceAccount ${account}`] : []), ...(exists ? [] : [`${describe(o)}: ServiceAccount ${account} is not in the manifests`])];
    },
  },
];

/** Every rule over every object; an empty list means the manifests pass the gate. */
export function manifestGateFindings(objects: readonly K8sObject[]): Finding[] {
  const findings: Finding[] = [];
  for (const object of objects) {
    const template = podTemplateOf(object);
    if (template) for (const rule of POD_RULES) findings.push(...rule.check(template).map((message) => ({ rule: rule.id, message })));
    for (const rule of OBJECT_RULES) findings.push(...rule.check(object, objects).map((message) => ({ rule: rule.id, message })));
  }
  return findings;
}

export const GATE_RULE_IDS: readonly string[] = [...new Set([...POD_RULES.map((r) => r.id), ...OBJECT_RULES.map((r) => r.id)])];
