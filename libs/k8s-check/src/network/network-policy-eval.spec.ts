import { parseManifests } from '../manifests';
import type { Endpoint, EndpointPort } from './endpoint';
import { NetworkPolicyEvaluator } from './network-policy-eval';

// Known answers taken from the Kubernetes documentation, "Network Policies"
// (concepts/services-networking/network-policies): its examples and the rules it states.

const nsLabels = (ns: string, extra: Record<string, string> = {}) => ({ 'kubernetes.io/metadata.name': ns, ...extra });
function pod(ns: string, labels: Record<string, string>, ip: string, ports: EndpointPort[] = [], nsExtra: Record<string, string> = {}): Endpoint {
  return { id: `${ns}/${JSON.stringify(labels)}`, namespace: ns, namespaceLabels: nsLabels(ns, nsExtra), labels, ip, ports };
}
const outside = (ip: string): Endpoint => ({ id: `outside/${ip}`, namespaceLabels: {}, labels: {}, ip, ports: [] });
const tcp = (port: number): EndpointPort => ({ port, protocol: 'TCP' });
const policy = (spec: string, ns = 'default') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${Math.random().toString(36).slice(2, 7)}, namespace: ${ns}}\nspec:\n${spec}\n---\n`;
const evaluator = (...yaml: string[]) => new NetworkPolicyEvaluator(parseManifests(yaml.join('')));

const db = pod('default', { role: 'db' }, '10.244.0.5', [{ name: 'redis', port: 6379, protocol: 'TCP' }]);
const frontend = pod('default', { role: 'frontend' }, '10.244.0.6');
const other = pod('default', { role: 'other' }, '10.244.0.7');
const inMyProject = pod('myproject', { app: 'x' }, '10.244.1.5', [], { project: 'myproject' });

describe('NetworkPolicy evaluation: the documentation examples', () => {
  it('with no policy, every pod accepts and sends everything (pods are non-isolated by default)', () => {
    expect(evaluator('').allows(other, db, tcp(6379))).toBe(true);
  });

  it('"default deny all ingress": empty podSelector, policyTypes [Ingress]; egress stays open', () => {
    const e = evaluator(policy('  podSelector: {}\n  policyTypes: [Ingress]'));
    expect(e.allows(frontend, db, tcp(6379))).toBe(false);
    expect(e.allows(db, outside('8.8.8.8'), tcp(53))).toBe(true);
  });

  it('"allow all ingress": one empty rule admits every source and port', () => {
    const e = evaluator(policy('  podSelector: {}\n  policyTypes: [Ingress]'), policy('  podSelector: {}\n  ingress: [{}]\n  policyTypes: [Ingress]'));
    expect(e.allows(other, db, tcp(1234))).toBe(true);
  });

  it('"default deny all egress" isolates egress only; "deny all ingress and egress" both', () => {
    const egressOnly = evaluator(policy('  podSelector: {}\n  policyTypes: [Egress]'));
    expect(egressOnly.allows(frontend, db, tcp(6379))).toBe(false);
    expect(egressOnly.allows(outside('1.2.3.4'), db, tcp(6379))).toBe(true);
    const both = evaluator(policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]'));
    expect(both.allows(outside('1.2.3.4'), db, tcp(6379))).toBe(false);
  });

  describe('the "test-network-policy" example', () => {
    const e = evaluator(
      policy(`  podSelector: {matchLabels: {role: db}}
  policyTypes: [Ingress, Egress]
  ingress:
  - from:
    - ipBlock: {cidr: 172.17.0.0/16, except: [172.17.1.0/24]}
    - namespaceSelector: {matchLabels: {project: myproject}}
    - podSelector: {matchLabels: {role: frontend}}
    ports: [{protocol: TCP, port: 6379}]
  egress:
  - to: [{ipBlock: {cidr: 10.0.0.0/24}}]
    ports: [{protocol: TCP, port: 5978}]`),
    );
    it('admits frontend pods of its namespace, any pod of myproject, and 172.17/16 but not 172.17.1/24, on 6379 only', () => {
      expect(e.allows(frontend, db, tcp(6379))).toBe(true);
      expect(e.allows(inMyProject, db, tcp(6379))).toBe(true);
      expect(e.allows(outside('172.17.0.5'), db, tcp(6379))).toBe(true);
      expect(e.allows(outside('172.17.1.5'), db, tcp(6379))).toBe(false);
      expect(e.allows(other, db, tcp(6379))).toBe(false);
      expect(e.allows(frontend, db, tcp(5432))).toBe(false);
      expect(e.allows(frontend, db, { port: 6379, protocol: 'UDP' })).toBe(false);
    });
    it('lets db out to 10.0.0.0/24 on 5978 only', () => {
      expect(e.allows(db, outside('10.0.0.7'), tcp(5978))).toBe(true);
      expect(e.allows(db, outside('10.0.1.7'), tcp(5978))).toBe(false);
      expect(e.allows(db, outside('10.0.0.7'), tcp(80))).toBe(false);
    });
  });

  it('namespaceSelector and podSelector in one element mean AND; in two elements, OR', () => {
    const alice = (labels: Record<string, string>) => pod('alice-ns', labels, '10.244.2.5', [], { user: 'alice' });
    const and = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {user: alice}}\n      podSelector: {matchLabels: {role: client}}'));
    const or = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {user: alice}}\n    - podSelector: {matchLabels: {role: client}}'));
    expect(and.allows(alice({ role: 'client' }), db, tcp(6379))).toBe(true);
    expect(and.allows(alice({ role: 'server' }), db, tcp(6379))).toBe(false);
    expect(and.allows(pod('default', { role: 'client' }, '10.244.0.9'), db, tcp(6379))).toBe(false);
    expect(or.allows(alice({ role: 'server' }), db, tcp(6379))).toBe(true);
    expect(or.allows(pod('default', { role: 'client' }, '10.244.0.9'), db, tcp(6379))).toBe(true);
  });

  it('without policyTypes, Ingress always applies and Egress only when the policy has egress rules', () => {
    const ingressRules = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}]}]'));
    expect(ingressRules.allows(db, outside('8.8.8.8'), tcp(443))).toBe(true);
    expect(ingressRules.allows(other, db, tcp(6379))).toBe(false);
    const egressRules = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/24}}]}]'));
    expect(egressRules.allows(db, outside('8.8.8.8'), tcp(443))).toBe(false);
    expect(egressRules.allows(frontend, db, tcp(6379))).toBe(false);
  });

  it('targets a range of ports with endPort, and a named port by the target pod\'s container port', () => {
    const range = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/24}}], ports: [{protocol: TCP, port: 32000, endPort: 32768}]}]'));
    expect(range.allows(db, outside('10.0.0.1'), tcp(32000))).toBe(true);
    expect(range.allows(db, outside('10.0.0.1'), tcp(32768))).toBe(true);
    expect(range.allows(db, outside('10.0.0.1'), tcp(32769))).toBe(false);
    const named = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  ingress: [{ports: [{port: redis}]}]'));
    expect(named.allows(other, db, tcp(6379))).toBe(true);
    expect(named.allows(other, db, tcp(6380))).toBe(false);
  });

  it('policies add up, and a connection needs both the source\'s egress and the target\'s ingress', () => {
    const e = evaluator(
      policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
      policy('  podSelector: {matchLabels: {role: db}}\n  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}]}]'),
    );
    expect(e.allows(frontend, db, tcp(6379))).toBe(false);
    const withEgress = evaluator(
      policy('  podSelector: {}\n  policyTypes: [Ingress, Egress]'),
      policy('  podSelector: {matchLabels: {role: db}}\n  ingress: [{from: [{podSelector: {matchLabels: {role: frontend}}}]}]'),
      policy('  podSelector: {matchLabels: {role: frontend}}\n  policyTypes: [Egress]\n  egress: [{to: [{podSelector: {matchLabels: {role: db}}}]}]'),
    );
    expect(withEgress.allows(frontend, db, tcp(6379))).toBe(true);
    expect(withEgress.allows(frontend, other, tcp(6379))).toBe(false);
  });

  it('matchExpressions: In, NotIn, Exists, DoesNotExist; a pod selector alone stays in the policy\'s namespace', () => {
    const e = evaluator(policy('  podSelector: {matchExpressions: [{key: role, operator: In, values: [db]}]}\n  ingress: [{from: [{podSelector: {matchExpressions: [{key: role, operator: NotIn, values: [other]}, {key: role, operator: Exists}, {key: tier, operator: DoesNotExist}]}}]}]'));
    expect(e.allows(frontend, db, tcp(6379))).toBe(true);
    expect(e.allows(other, db, tcp(6379))).toBe(false);
    expect(e.allows(pod('default', { role: 'x', tier: 'web' }, '10.244.0.8'), db, tcp(6379))).toBe(false);
    expect(e.allows(pod('elsewhere', { role: 'frontend' }, '10.244.3.8'), db, tcp(6379))).toBe(false);
  });

  it('an IPv4 address never matches an IPv6 block, nor the reverse', () => {
    const e = evaluator(policy('  podSelector: {matchLabels: {role: db}}\n  policyTypes: [Egress]\n  egress: [{to: [{ipBlock: {cidr: "::/0"}}]}]'));
    expect(e.allows(db, outside('93.184.215.14'), tcp(443))).toBe(false);
    expect(e.allows(db, outside('2001:db8::1'), tcp(443))).toBe(true);
  });
});
