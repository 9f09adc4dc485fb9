/**
 * The hardening every pod of the shop gets (Pod Security Standard
 * "restricted" and then some). One place, so no workload can forget a line.
 */
export function podSecurityContext(uid: number, gid: number = uid): Record<string, unknown> {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: gid,
    // Secret and emptyDir volumes become group-readable by this gid only.
    fsGroup: gid,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

export function containerSecurityContext(): Record<string, unknown> {
  return {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  };
}

export interface Resources {
  readonly cpu: [request: string, limit: string];
  readonly memory: [request: string, limit: string];
}

export function resourcesOf({ cpu, memory }: Resources): Record<string, unknown> {
  return { requests: { cpu: cpu[0], memory: memory[0] }, limits: { cpu: cpu[1], memory: memory[1] } };
}

/** A writable, size-capped scratch folder (the root filesystem is read-only). */
export function scratchVolume(name: string, sizeLimit = '64Mi'): Record<string, unknown> {
  return { name, emptyDir: { sizeLimit } };
}

/**
 * A Deployment or StatefulSet of one replica whose pods run as their own
 * ServiceAccount (named like the workload) with no API token.
 */
export function podController(
  kind: 'Deployment' | 'StatefulSet',
  labels: Record<string, string>,
  selector: Record<string, string>,
  podSpec: Record<string, unknown>,
  extraSpec: Record<string, unknown> = {},
): Record<string, unknown> {
  const name = Object.values(selector)[0];
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, labels },
    spec: {
      ...extraSpec,
      replicas: 1,
      selector: { matchLabels: selector },
      template: { metadata: { labels }, spec: { serviceAccountName: name, automountServiceAccountToken: false, ...podSpec } },
    },
  };
}
