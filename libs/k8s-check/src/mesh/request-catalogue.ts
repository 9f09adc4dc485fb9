import { RPC_POLICIES } from '@shop/topology';
import type { K8sObject } from '../manifests';
import type { Endpoint, EndpointPort } from '../network/endpoint';
import { selectorMatches } from '../network/label-selector';

export type PortProtocol = 'grpc' | 'http' | 'tcp';

/** The ops paths every service serves (the ARCHITECTURE contract), plus paths nobody serves. */
export const OPS_PATHS = ['/healthz', '/readyz', '/metrics'];
const HTTP_PROBE_PATHS = [...OPS_PATHS, '/', '/debug/pprof', '/admin'];

/**
 * How the sidecar reads a port: the Service port's appProtocol or name
 * prefix says so; a declared port no Service covers is sniffed, and our
 * only such port (ops) speaks plaintext HTTP; an undeclared one is TCP.
 */
export function protocolOf(objects: readonly K8sObject[], pod: Endpoint, port: EndpointPort): PortProtocol {
  const declared = pod.ports.find((p) => p.port === port.port && p.protocol === port.protocol && p.name !== undefined);
  for (const service of objects.filter((o) => o.kind === 'Service' && o.metadata.namespace === pod.namespace)) {
    const spec = service['spec'] as { selector?: Record<string, string>; ports?: Array<{ name?: string; port: number; targetPort?: number | string; appProtocol?: string }> };
    if (!spec.selector || !selectorMatches({ matchLabels: spec.selector }, pod.labels)) continue;
    const servicePort = spec.ports?.find((p) => (p.targetPort ?? p.port) === port.port || (declared && p.targetPort === declared.name));
    if (!servicePort) continue;
    const hint = (servicePort.appProtocol ?? servicePort.name ?? '').toLowerCase();
    if (hint.startsWith('grpc') || hint === 'http2') return 'grpc';
    if (hint.startsWith('http')) return 'http';
    return 'tcp';
  }
  return declared ? 'http' : 'tcp';
}

function pathsNamedIn(objects: readonly K8sObject[]): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if ((key === 'paths' || key === 'notPaths') && Array.isArray(value)) found.push(...(value as string[]));
        else visit(value);
      }
    }
  };
  objects.filter((o) => o.kind === 'AuthorizationPolicy').forEach((o) => visit(o['spec']));
  // A wildcard stands for the paths it covers: probe one of them.
  return found.map((p) => (p === '*' ? '/any' : p.endsWith('*') ? `${p.slice(0, -1)}Probe` : p.startsWith('*') ? `/probe${p.slice(1)}` : p));
}

/** The gRPC paths to try on a gRPC port: the topology's, the policies', and one unknown per service. */
export function grpcCandidatePaths(objects: readonly K8sObject[]): string[] {
  const paths = new Set([...RPC_POLICIES.map((p) => p.path), ...pathsNamedIn(objects).filter((p) => p.split('/').length === 3)]);
  for (const path of [...paths]) paths.add(`${path.slice(0, path.lastIndexOf('/') + 1)}NotInTheTopology`);
  return [...paths].sort();
}

export function httpCandidatePaths(objects: readonly K8sObject[]): string[] {
  return [...new Set([...HTTP_PROBE_PATHS, ...pathsNamedIn(objects)])].sort();
}
