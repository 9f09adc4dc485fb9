import { VAULT_INJECT_ANNOTATION, VAULT_ROLE_ANNOTATION } from '../expected/workloads';
import { containersOf, describe, isLongRunning, type ContainerSpec, type PodTemplate } from '../manifests';

/** One violation of one rule, with where it is. */
export interface Finding {
  readonly rule: string;
  readonly message: string;
}

type Obj = Record<string, unknown> | undefined;
const field = (node: unknown, key: string): unknown => (node as Obj)?.[key];

/** A securityContext setting, from the container or else from the pod (the kubelet's rule). */
function effective(template: PodTemplate, container: ContainerSpec, key: string): unknown {
  return field(container['securityContext'], key) ?? field(template.spec['securityContext'], key);
}

export const API_TOKEN_REASON_ANNOTATION = 'hardened-shop.dev/api-token-reason';
const SECRET_LIKE_NAME = /(pass(word|wd)?|secret|token|api_?key|private_?key|credential|session_?key)/i;
/** Names of settings that hold where a secret is, not the secret itself. */
const LOCATION_NAME = /_(DIR|FILE|PATH)$/;

/**
 * The rules every pod template must pass; each returns its violations.
 * Rule ids are stable: the planted fixtures (src/fixtures/bad/<rule>.yaml) name them.
 */
export const POD_RULES: ReadonlyArray<{ id: string; check(t: PodTemplate): string[] }> = [
  { id: 'run-as-non-root', check: (t) => perContainer(t, (c) => effective(t, c, 'runAsNonRoot') !== true, 'runAsNonRoot is not true') },
  {
    id: 'fixed-uid-gid',
    check: (t) => perContainer(t, (c) => !isUnprivilegedId(effective(t, c, 'runAsUser')) || !isUnprivilegedId(effective(t, c, 'runAsGroup')), 'runAsUser/runAsGroup not fixed to a non-zero id'),
  },
  { id: 'read-only-root-filesystem', check: (t) => perContainer(t, (c) => field(c['securityContext'], 'readOnlyRootFilesystem') !== true, 'readOnlyRootFilesystem is not true') },
  { id: 'no-privilege-escalation', check: (t) => perContainer(t, (c) => field(c['securityContext'], 'allowPrivilegeEscalation') !== false, 'allowPrivilegeEscalation is not false') },
  {
    id: 'drop-all-capabilities',
    check: (t) =>
      perContainer(t, (c) => {
        const caps = field(c['securityContext'], 'capabilities') as { drop?: string[]; add?: string[] } | undefined;
        return !caps?.drop?.includes('ALL') || (caps.add ?? []).length > 0;
      }, 'capabilities do not drop ALL (or add some back)'),
  },
  { id: 'seccomp-runtime-default', check: (t) => perContainer(t, (c) => field(effective(t, c, 'seccompProfile'), 'type') !== 'RuntimeDefault', 'seccompProfile is not RuntimeDefault') },
  { id: 'no-privileged', check: (t) => perContainer(t, (c) => field(c['securityContext'], 'privileged') === true, 'privileged: true') },
  {
    id: 'resources',
    check: (t) =>
      perContainer(t, (c) => {
        const r = c['resources'] as { requests?: Obj; limits?: Obj } | undefined;
        return !['cpu', 'memory'].every((k) => field(r?.requests, k) !== undefined && field(r?.limits, k) !== undefined);
      }, 'cpu and memory requests and limits are not all set'),
  },
  {
    id: 'probes',
    check: (t) =>
      isLongRunning(t.owner)
        ? perContainer(t, (c) => !c['livenessProbe'] || !c['readinessProbe'], 'no liveness or no readiness probe', (c) => !isInit(t, c))
        : [],
  },
  {
    id: 'probes-on-ops-port',
    check: (t) =>
      perContainer(t, (c) => {
        const declaresOps = ((c['ports'] as Array<{ name?: string }> | undefined) ?? []).some((p) => p.name === 'ops');
        const probePort = (name: string) => field(field(c[name], 'httpGet'), 'port');
        return declaresOps && !['livenessProbe', 'readinessProbe'].filter((p) => c[p]).every((p) => probePort(p) === 'ops');
      }, 'has an ops port but its probes do not use it'),
  },
  {
    id: 'service-account-token',
    check: (t) => {
      if ((t.metadata.annotations?.[API_TOKEN_REASON_ANNOTATION] ?? '').trim() !== '') return [];
      const projected = projectedTokenVolumes(t).map((name) => `${describe(t.owner)}: volume ${name} projects a ServiceAccount token and no ${API_TOKEN_REASON_ANNOTATION} says why`);
      const automount = t.spec['automountServiceAccountToken'] === false ? [] : [`${describe(t.owner)}: automountServiceAccountToken is not false and no ${API_TOKEN_REASON_ANNOTATION} says why`];
      return [...automount, ...projected];
    },
  },
  {
    // The injected agent logs in with the pod's ServiceAccount: a role named after
    // another workload would hand this pod that workload's secrets (if Vault bound it so).
    id: 'vault-role-is-own-account',
    check: (t) => {
      const annotations = t.metadata.annotations ?? {};
      if (annotations[VAULT_INJECT_ANNOTATION] !== 'true') return [];
      const account = t.spec['serviceAccountName'];
      return annotations[VAULT_ROLE_ANNOTATION] === account ? [] : [`${describe(t.owner)}: Vault role ${annotations[VAULT_ROLE_ANNOTATION] ?? '(none)'} is not its ServiceAccount ${String(account)}`];
    },
  },
  {
    id: 'own-service-account',
    check: (t) => {
      const account = t.spec['serviceAccountName'] ?? t.spec['serviceAccount'];
      return typeof account === 'string' && account !== 'default' ? [] : [`${describe(t.owner)}: runs as the default ServiceAccount`];
    },
  },
  { id: 'no-host-namespaces', check: (t) => (['hostNetwork', 'hostPID', 'hostIPC'].some((k) => t.spec[k] === true) ? [`${describe(t.owner)}: shares a host namespace`] : []) },
  {
    id: 'no-host-path',
    check: (t) => ((t.spec['volumes'] as Obj[] | undefined) ?? []).filter((v) => field(v, 'hostPath')).map((v) => `${describe(t.owner)}: hostPath volume ${String(field(v, 'name'))}`),
  },
  {
    id: 'no-secret-env',
    check: (t) =>
      containersOf(t).flatMap((c) => {
        const env = (c['env'] as Array<{ name: string; value?: string; valueFrom?: Obj }> | undefined) ?? [];
        const named = env.filter((e) => SECRET_LIKE_NAME.test(e.name) && !LOCATION_NAME.test(e.name)).map((e) => `env ${e.name} looks like a secret`);
        const fromSecret = env.filter((e) => field(e.valueFrom, 'secretKeyRef')).map((e) => `env ${e.name} comes from a Secret`);
        const envFrom = ((c['envFrom'] as Obj[] | undefined) ?? []).filter((e) => field(e, 'secretRef')).map(() => 'envFrom a Secret');
        return [...named, ...fromSecret, ...envFrom].map((m) => `${describe(t.owner)} container ${c.name}: ${m}`);
      }),
  },
  {
    id: 'image-pinned',
    check: (t) => containersOf(t).filter((c) => !isPinned(c.image)).map((c) => `${describe(t.owner)} container ${c.name}: image ${c.image ?? '(none)'} is not pinned to a version or digest`),
  },
];

/** Volumes that put a ServiceAccount token into the pod (a projected serviceAccountToken source). */
function projectedTokenVolumes(t: PodTemplate): string[] {
  const volumes = (t.spec['volumes'] as Obj[] | undefined) ?? [];
  return volumes
    .filter((v) => ((field(field(v, 'projected'), 'sources') as Obj[] | undefined) ?? []).some((source) => field(source, 'serviceAccountToken')))
    .map((v) => String(field(v, 'name')));
}

function isInit(t: PodTemplate, c: ContainerSpec): boolean {
  return ((t.spec['initContainers'] as ContainerSpec[] | undefined) ?? []).includes(c);
}

function perContainer(t: PodTemplate, bad: (c: ContainerSpec) => boolean, what: string, applies: (c: ContainerSpec) => boolean = () => true): string[] {
  return containersOf(t).filter((c) => applies(c) && bad(c)).map((c) => `${describe(t.owner)} container ${c.name}: ${what}`);
}

function isUnprivilegedId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** `name:tag` with a tag other than latest, or `name@sha256:...`. */
function isPinned(image: string | undefined): boolean {
  if (!image) return false;
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const tag = /:([^/:]+)$/.exec(image)?.[1];
  return tag !== undefined && tag !== 'latest';
}
