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
