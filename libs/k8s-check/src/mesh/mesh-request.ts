/** One request arriving at a workload's sidecar, as the evaluation models it. */
export interface MeshRequest {
  /** The caller's peer identity from mTLS (`cluster.local/ns/shop/sa/order`); absent for plaintext. */
  readonly principal?: string;
  readonly sourceIp: string;
  readonly port: number;
  /** Absent for TCP traffic (the proxy sees no method and no path). */
  readonly http?: { readonly method: string; readonly path: string };
}

/** The namespace Istio derives from a principal `<td>/ns/<namespace>/sa/<account>`. */
export function namespaceOfPrincipal(principal: string | undefined): string | undefined {
  return principal ? /\/ns\/([^/]+)\/sa\//.exec(principal)?.[1] : undefined;
}

/** A workload as the mesh policies see it. */
export interface MeshWorkload {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}
