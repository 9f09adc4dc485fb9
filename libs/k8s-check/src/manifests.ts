import { parseAllDocuments } from 'yaml';

/** One Kubernetes object as rendered by `kubectl kustomize`, untyped on purpose. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [field: string]: unknown;
}

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

/** Parses a multi-document YAML stream; a syntax error or a document without kind is fatal. */
export function parseManifests(text: string, origin = 'manifests'): K8sObject[] {
  const objects: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new ManifestError(`${origin}: ${doc.errors[0].message}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const object = value as Partial<K8sObject>;
    if (typeof object.kind !== 'string' || typeof object.apiVersion !== 'string' || typeof object.metadata?.name !== 'string') {
      throw new ManifestError(`${origin}: a document without apiVersion, kind or metadata.name`);
    }
    objects.push(object as K8sObject);
  }
  return objects;
}

export function namespaceOf(object: K8sObject, fallback = 'default'): string {
  return object.metadata.namespace ?? fallback;
}

/** `Deployment shop/order` */
export function describe(object: K8sObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
}

/** Kinds that run pods, and where their pod template sits. */
const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface PodTemplate {
  readonly owner: K8sObject;
  readonly metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
  readonly spec: Record<string, unknown>;
}

export function podTemplateOf(object: K8sObject): PodTemplate | undefined {
  if (object.kind === 'Pod') return { owner: object, metadata: object.metadata, spec: (object['spec'] ?? {}) as Record<string, unknown> };
  const path = POD_TEMPLATE_PATHS[object.kind];
  if (!path) return undefined;
  let node: unknown = object;
  for (const key of path) node = (node as Record<string, unknown> | undefined)?.[key];
  const template = (node ?? {}) as { metadata?: PodTemplate['metadata']; spec?: Record<string, unknown> };
  return { owner: object, metadata: template.metadata ?? {}, spec: template.spec ?? {} };
}

export function isLongRunning(object: K8sObject): boolean {
  return ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'].includes(object.kind);
}

export interface ContainerSpec {
  readonly name: string;
  readonly image?: string;
  readonly [field: string]: unknown;
}

/** Init containers first, then the main ones, as the kubelet starts them. */
export function containersOf(template: PodTemplate): ContainerSpec[] {
  const list = (key: string) => (Array.isArray(template.spec[key]) ? (template.spec[key] as ContainerSpec[]) : []);
  return [...list('initContainers'), ...list('containers')];
}
