import type { K8sObject } from '../manifests';
import { ipFamilyOf } from '../network/endpoint';
import { inCidr } from '../network/network-policy-eval';
import { UnsupportedPolicyError, selectorMatches, type LabelSelector } from '../network/label-selector';
import { fieldMatches } from './istio-match';
import { namespaceOfPrincipal, type MeshRequest, type MeshWorkload } from './mesh-request';

type Strings = string[] | undefined;
interface Source { principals?: Strings; notPrincipals?: Strings; namespaces?: Strings; notNamespaces?: Strings; ipBlocks?: Strings; notIpBlocks?: Strings; requestPrincipals?: Strings; notRequestPrincipals?: Strings }
interface Operation { ports?: Strings; notPorts?: Strings; methods?: Strings; notMethods?: Strings; paths?: Strings; notPaths?: Strings; hosts?: Strings; notHosts?: Strings }
interface Rule { from?: Array<{ source?: Source }>; to?: Array<{ operation?: Operation }>; when?: unknown[] }
interface AuthorizationSpec { selector?: LabelSelector; targetRef?: unknown; targetRefs?: unknown; action?: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM'; rules?: Rule[]; provider?: unknown }

const HTTP_ONLY: ReadonlyArray<keyof Operation> = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];

export type Verdict = 'allow' | 'deny';

/**
 * AuthorizationPolicy, from the Istio reference: DENY policies first (any
 * match denies), then ALLOW: with no ALLOW policy for the workload the
 * request passes, otherwise one matching rule is needed. A policy without
 * rules matches nothing, so `spec: {}` allows nothing. In a rule, `from`,
 * `to` and `when` must all match; inside a list any element will do. For TCP
 * traffic an ALLOW rule using HTTP-only fields never matches, while in a
 * DENY rule those fields are ignored (both fail closed).
 */
export class AuthorizationEvaluator {
  private readonly policies: ReadonlyArray<{ namespace: string; name: string; spec: AuthorizationSpec }>;

  constructor(objects: readonly K8sObject[], private readonly rootNamespace = 'istio-system') {
    this.policies = objects
      .filter((o) => o.kind === 'AuthorizationPolicy')
      .map((o) => ({ namespace: o.metadata.namespace ?? 'default', name: o.metadata.name, spec: (o['spec'] ?? {}) as AuthorizationSpec }));
    for (const p of this.policies) {
      if (p.spec.targetRef || p.spec.targetRefs) throw new UnsupportedPolicyError(`${p.name}: targetRef`);
      if (p.spec.action === 'CUSTOM' || p.spec.provider) throw new UnsupportedPolicyError(`${p.name}: CUSTOM action`);
      if (p.spec.rules?.some((r) => r.when)) throw new UnsupportedPolicyError(`${p.name}: \`when\` conditions`);
    }
  }

  decide(workload: MeshWorkload, request: MeshRequest): Verdict {
    const applying = this.policies.filter(
      (p) => (p.namespace === workload.namespace || p.namespace === this.rootNamespace) && (!p.spec.selector || selectorMatches(p.spec.selector, workload.labels)),
    );
    const action = (p: (typeof applying)[number]) => p.spec.action ?? 'ALLOW';
    if (applying.some((p) => action(p) === 'DENY' && p.spec.rules?.some((r) => ruleMatches(r, request, 'DENY')))) return 'deny';
    const allows = applying.filter((p) => action(p) === 'ALLOW');
    if (allows.length === 0) return 'allow';
    return allows.some((p) => p.spec.rules?.some((r) => ruleMatches(r, request, 'ALLOW'))) ? 'allow' : 'deny';
  }
}

function ruleMatches(rule: Rule, request: MeshRequest, action: 'ALLOW' | 'DENY'): boolean {
  const fromOk = !rule.from || rule.from.some((f) => sourceMatches(f.source ?? {}, request));
  const toOk = !rule.to || rule.to.some((t) => operationMatches(t.operation ?? {}, request, action));
  return fromOk && toOk;
}

function sourceMatches(source: Source, request: MeshRequest): boolean {
  return (
    fieldMatches(source.principals, source.notPrincipals, request.principal) &&
    fieldMatches(source.namespaces, source.notNamespaces, namespaceOfPrincipal(request.principal)) &&
    // No request carries an end-user JWT here: requestPrincipals never match.
    fieldMatches(source.requestPrincipals, source.notRequestPrincipals, undefined) &&
    fieldMatches(source.ipBlocks, source.notIpBlocks, request.sourceIp, ipMatches)
  );
}

function operationMatches(operation: Operation, request: MeshRequest, action: 'ALLOW' | 'DENY'): boolean {
  if (operation.hosts || operation.notHosts) throw new UnsupportedPolicyError('operation.hosts');
  if (!request.http && HTTP_ONLY.some((field) => operation[field])) {
    if (action === 'ALLOW') return false;
  }
  const exact = (pattern: string, value: string | undefined) => pattern === value;
  if (!fieldMatches(operation.ports, operation.notPorts, String(request.port), exact)) return false;
  if (!request.http) return true;
  return fieldMatches(operation.methods, operation.notMethods, request.http.method) && fieldMatches(operation.paths, operation.notPaths, request.http.path);
}

function ipMatches(cidr: string, ip: string | undefined): boolean {
  if (!ip) return false;
  return inCidr(cidr.includes('/') ? cidr : `${cidr}/${ipFamilyOf(cidr) === 'ipv4' ? 32 : 128}`, ip);
}
