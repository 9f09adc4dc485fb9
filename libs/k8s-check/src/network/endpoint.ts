import { isIP } from 'node:net';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface EndpointPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/**
 * Something that opens or accepts connections: a pod (in a namespace, with
 * labels) or an address outside the cluster (no namespace).
 */
export interface Endpoint {
  /** `shop/order`, `kube-system/kube-dns`, `outside/internet-v4` */
  readonly id: string;
  readonly namespace?: string;
  readonly namespaceLabels: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly ip: string;
  readonly ports: readonly EndpointPort[];
  /** Pods only: the ServiceAccount, which is the workload's identity in the mesh. */
  readonly serviceAccount?: string;
  /** Pods only: the pod template's annotations (sidecar injection opt-out). */
  readonly annotations?: Readonly<Record<string, string>>;
}

export function isPod(endpoint: Endpoint): boolean {
  return endpoint.namespace !== undefined;
}

export function ipFamilyOf(ip: string): 'ipv4' | 'ipv6' {
  const family = isIP(ip);
  if (family === 0) throw new Error(`not an IP address: ${ip}`);
  return family === 4 ? 'ipv4' : 'ipv6';
}

/** `auth:50051/TCP`, or `auth:50051` for TCP, the common case. */
export function portLabel(port: EndpointPort): string {
  return `${port.port}${port.protocol === 'TCP' ? '' : `/${port.protocol}`}`;
}
