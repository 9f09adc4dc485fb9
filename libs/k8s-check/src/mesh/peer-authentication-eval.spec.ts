import { parseManifests } from '../manifests';
import { PeerAuthenticationEvaluator } from './peer-authentication-eval';

// Known answers from the Istio documentation: "PeerAuthentication" reference and
// the "Mutual TLS Migration" task (mesh-wide, namespace-wide, workload and port policies).

const pa = (ns: string, spec: string) => `apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata: {name: p${Math.random().toString(36).slice(2, 7)}, namespace: ${ns}}\nspec:\n${spec}\n---\n`;
const evaluator = (...yaml: string[]) => new PeerAuthenticationEvaluator(parseManifests(yaml.join('')));
const finance = { namespace: 'foo', labels: { app: 'finance' } };
const other = { namespace: 'foo', labels: { app: 'other' } };

describe('PeerAuthentication evaluation', () => {
  it('is PERMISSIVE when nothing is configured', () => {
    expect(evaluator('').modeFor(finance, 8080)).toBe('PERMISSIVE');
  });

  it('mesh-wide (root namespace) < namespace-wide < workload < port level', () => {
    const mesh = pa('istio-system', '  mtls: {mode: STRICT}');
    const namespace = pa('foo', '  mtls: {mode: PERMISSIVE}');
    const workload = pa('foo', '  selector: {matchLabels: {app: finance}}\n  mtls: {mode: STRICT}\n  portLevelMtls: {"8080": {mode: DISABLE}}');
    expect(evaluator(mesh).modeFor(other, 80)).toBe('STRICT');
    expect(evaluator(mesh, namespace).modeFor(other, 80)).toBe('PERMISSIVE');
    expect(evaluator(mesh, namespace, workload).modeFor(finance, 80)).toBe('STRICT');
    expect(evaluator(mesh, namespace, workload).modeFor(finance, 8080)).toBe('DISABLE');
    expect(evaluator(mesh, namespace, workload).modeFor(other, 8080)).toBe('PERMISSIVE');
  });

  it('UNSET inherits from the level above', () => {
    const e = evaluator(pa('foo', '  mtls: {mode: STRICT}'), pa('foo', '  selector: {matchLabels: {app: finance}}\n  mtls: {mode: UNSET}\n  portLevelMtls: {"9000": {mode: UNSET}}'));
    expect(e.modeFor(finance, 9000)).toBe('STRICT');
  });

  it('refuses two workload policies on one workload (Istio would pick the oldest)', () => {
    const two = pa('foo', '  selector: {matchLabels: {app: finance}}\n  mtls: {mode: STRICT}') + pa('foo', '  selector: {matchLabels: {app: finance}}\n  mtls: {mode: DISABLE}');
    expect(() => evaluator(two).modeFor(finance, 80)).toThrow(/oldest/);
  });
});
