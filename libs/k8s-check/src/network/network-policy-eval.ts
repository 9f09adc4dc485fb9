import { BlockList } from 'node:net';
import type { K8sObject } from '../manifests';
import { ipFamilyOf, isPod, type Endpoint, type EndpointPort, type Protocol } from './endpoint';
import { UnsupportedPolicyError, selectorMatches, type LabelSelector } from './label-selector';

interface PolicyPort {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}
interface Peer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: PolicyPort[];
}
interface PolicySpec {
  podSelector: LabelSelector;
  policyTypes?: Array<'Ingress' | 'Egress'>;
  ingress?: Rule[];
  egress?: Rule[];
}

type Direction = 'Ingress' | 'Egress';

/**
 * NetworkPolicy semantics, from the Kubernetes documentation:
 *  - a pod is isolated for a direction when a policy in its namespace selects
 *    it and lists that direction in policyTypes; a pod nothing selects is open;
 *  - without policyTypes, Ingress always applies and Egress only when the
 *    policy has an `egress` section;
 *  - policies add up: a connection passes when any rule of any selecting
 *    policy admits it, and it needs both the source's egress and the target's
 *    ingress;
 *  - an empty rule list admits nothing; a rule without from/to admits every
 *    peer, one without ports every port;
 *  - in a peer, podSelector and namespaceSelector together mean both.
 */
export class NetworkPolicyEvaluator {
  private readonly policies: ReadonlyArray<{ namespace: string; spec: PolicySpec }>;

  constructor(objects: readonly K8sObject[]) {
    this.policies = objects
      .filter((o) => o.kind === 'NetworkPolicy')
      .map((o) => ({ namespace: o.metadata.namespace ?? 'default', spec: o['spec'] as PolicySpec }));
  }

  allows(source: Endpoint, target: Endpoint, port: EndpointPort): boolean {
    return this.admits('Egress', source, target, target, port) && this.admits('Ingress', target, source, target, port);
  }

  private admits(direction: Direction, subject: Endpoint, peer: Endpoint, portOwner: Endpoint, port: EndpointPort): boolean {
    if (!isPod(subject)) return true;
    const selecting = this.policies.filter(
      (p) => p.namespace === subject.namespace && typesOf(p.spec).includes(direction) && selectorMatches(p.spec.podSelector ?? {}, subject.labels),
    );
    if (selecting.length === 0) return true;
    return selecting.some((p) => {
      const rules = (direction === 'Ingress' ? p.spec.ingress : p.spec.egress) ?? [];
      return rules.some((rule) => {
        const peers = direction === 'Ingress' ? rule.from : rule.to;
        const peerOk = !peers || peers.length === 0 || peers.some((x) => peerMatches(x, p.namespace, peer));
        const portOk = !rule.ports || rule.ports.length === 0 || rule.ports.some((x) => portMatches(x, portOwner, port));
        return peerOk && portOk;
      });
    });
  }
}

function typesOf(spec: PolicySpec): Direction[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes;
  return spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
}

function peerMatches(peer: Peer, policyNamespace: string, endpoint: Endpoint): boolean {
  if (peer.ipBlock) {
    if (peer.podSelector || peer.namespaceSelector) throw new UnsupportedPolicyError('ipBlock combined with a selector is invalid');
    return inIpBlock(peer.ipBlock, endpoint.ip);
  }
  if (!isPod(endpoint)) return false;
  if (!peer.podSelector && !peer.namespaceSelector) throw new UnsupportedPolicyError('a peer with no selector and no ipBlock is invalid');
  const namespaceOk = peer.namespaceSelector
    ? selectorMatches(peer.namespaceSelector, endpoint.namespaceLabels)
    : endpoint.namespace === policyNamespace;
  return namespaceOk && selectorMatches(peer.podSelector ?? {}, endpoint.labels);
}

/** An address of one family never matches a CIDR of the other (node's BlockList would map IPv4 into IPv6). */
export function inCidr(cidr: string, ip: string): boolean {
  const [address, bits] = cidr.split('/');
  if (ipFamilyOf(address) !== ipFamilyOf(ip)) return false;
  const list = new BlockList();
  list.addSubnet(address, Number(bits), ipFamilyOf(address));
  return list.check(ip, ipFamilyOf(ip));
}

function inIpBlock(block: { cidr: string; except?: string[] }, ip: string): boolean {
  return inCidr(block.cidr, ip) && !(block.except ?? []).some((cidr) => inCidr(cidr, ip));
}

/** A named port resolves against the target pod's container ports (name and protocol). */
function portMatches(rule: PolicyPort, target: Endpoint, port: EndpointPort): boolean {
  const protocol = rule.protocol ?? 'TCP';
  if (protocol !== port.protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'string') {
    return target.ports.some((p) => p.name === rule.port && p.protocol === protocol && p.port === port.port);
  }
  const last = rule.endPort ?? rule.port;
  return port.port >= rule.port && port.port <= last;
}
