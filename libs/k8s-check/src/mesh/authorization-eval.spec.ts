import { parseManifests } from '../manifests';
import { AuthorizationEvaluator } from './authorization-eval';
import type { MeshRequest } from './mesh-request';

// Known answers from the Istio documentation: "Authorization Policy" reference
// (security.istio.io), and the tasks "Authorization for HTTP traffic" and
// "Authorization for TCP traffic".

const policy = (ns: string, spec: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p${Math.random().toString(36).slice(2, 7)}, namespace: ${ns}}\nspec:\n${spec}\n---\n`;
const evaluator = (...yaml: string[]) => new AuthorizationEvaluator(parseManifests(yaml.join('')));
const httpbin = { namespace: 'foo', labels: { app: 'httpbin' } };
const sleep = 'cluster.local/ns/default/sa/sleep';
const get = (path: string, principal?: string, port = 8000): MeshRequest => ({ principal, sourceIp: '10.244.0.9', port, http: { method: 'GET', path } });
const tcp = (port: number, principal?: string): MeshRequest => ({ principal, sourceIp: '10.244.0.9', port });

describe('AuthorizationPolicy evaluation: the documentation examples', () => {
  it('with no policy every request is allowed', () => {
    expect(evaluator('').decide(httpbin, get('/'))).toBe('allow');
  });

  it('allow-nothing (`spec: {}`) denies everything; allow-all (`rules: [{}]`) allows everything', () => {
    expect(evaluator(policy('foo', '  {}')).decide(httpbin, get('/', sleep))).toBe('deny');
    expect(evaluator(policy('foo', '  rules: [{}]')).decide(httpbin, get('/'))).toBe('allow');
    expect(evaluator(policy('foo', '  {}'), policy('foo', '  rules: [{}]')).decide(httpbin, get('/'))).toBe('allow');
  });

  it('deny-all (DENY with `rules: [{}]`) wins over any ALLOW', () => {
    expect(evaluator(policy('foo', '  action: DENY\n  rules: [{}]'), policy('foo', '  rules: [{}]')).decide(httpbin, get('/'))).toBe('deny');
  });

  describe('the reference example: ALLOW sleep or namespace test, GET /info* or POST /data', () => {
    const e = evaluator(
      policy(
        'foo',
        `  selector: {matchLabels: {app: httpbin}}
  action: ALLOW
  rules:
  - from: [{source: {principals: ["${sleep}"]}}, {source: {namespaces: [test]}}]
    to: [{operation: {methods: [GET], paths: ["/info*"]}}, {operation: {methods: [POST], paths: [/data]}}]`,
      ),
    );
    it('allows the listed sources on the listed operations', () => {
      expect(e.decide(httpbin, get('/info/1', sleep))).toBe('allow');
      expect(e.decide(httpbin, get('/info', 'cluster.local/ns/test/sa/anyone'))).toBe('allow');
      expect(e.decide(httpbin, { ...get('/data', sleep), http: { method: 'POST', path: '/data' } })).toBe('allow');
    });
    it('denies other sources, other paths, other methods, and plaintext', () => {
      expect(e.decide(httpbin, get('/info', 'cluster.local/ns/default/sa/other'))).toBe('deny');
      expect(e.decide(httpbin, get('/data', sleep))).toBe('deny');
      expect(e.decide(httpbin, get('/ip', sleep))).toBe('deny');
      expect(e.decide(httpbin, get('/info'))).toBe('deny');
    });
    it('does not apply to a workload its selector does not match', () => {
      expect(e.decide({ namespace: 'foo', labels: { app: 'other' } }, get('/ip'))).toBe('allow');
    });
  });

  it('DENY is evaluated before ALLOW: /admin from outside namespace foo is denied though ALLOW matches', () => {
    const e = evaluator(
      policy('foo', '  action: DENY\n  rules: [{from: [{source: {notNamespaces: [foo]}}], to: [{operation: {paths: [/admin]}}]}]'),
      policy('foo', '  rules: [{}]'),
    );
    expect(e.decide(httpbin, get('/admin', sleep))).toBe('deny');
    expect(e.decide(httpbin, get('/admin', 'cluster.local/ns/foo/sa/ops'))).toBe('allow');
    expect(e.decide(httpbin, get('/headers', sleep))).toBe('allow');
  });

  it('principals match exactly, or by prefix/suffix with *, and "*" needs an authenticated peer', () => {
    const e = evaluator(policy('foo', '  rules: [{from: [{source: {principals: ["cluster.local/ns/default/*", "*/sa/admin"]}}]}]'));
    expect(e.decide(httpbin, get('/', sleep))).toBe('allow');
    expect(e.decide(httpbin, get('/', 'cluster.local/ns/bar/sa/admin'))).toBe('allow');
    expect(e.decide(httpbin, get('/', 'cluster.local/ns/bar/sa/user'))).toBe('deny');
    const any = evaluator(policy('foo', '  rules: [{from: [{source: {principals: ["*"]}}]}]'));
    expect(any.decide(httpbin, get('/', sleep))).toBe('allow');
    expect(any.decide(httpbin, get('/'))).toBe('deny');
  });

  it('TCP: an ALLOW rule with HTTP-only fields never matches; in a DENY rule those fields are ignored', () => {
    const mongo = { namespace: 'foo', labels: { app: 'tcp-echo' } };
    const allowWithMethods = evaluator(policy('foo', '  rules: [{to: [{operation: {ports: ["9000"], methods: [GET]}}]}]'));
    expect(allowWithMethods.decide(mongo, tcp(9000, sleep))).toBe('deny');
    const allowPorts = evaluator(policy('foo', '  rules: [{to: [{operation: {ports: ["9000", "9001"]}}]}]'));
    expect(allowPorts.decide(mongo, tcp(9001, sleep))).toBe('allow');
    expect(allowPorts.decide(mongo, tcp(9002, sleep))).toBe('deny');
    const denyWithMethods = evaluator(policy('foo', '  action: DENY\n  rules: [{to: [{operation: {ports: ["9000"], methods: [GET]}}]}]'), policy('foo', '  rules: [{}]'));
    expect(denyWithMethods.decide(mongo, tcp(9000, sleep))).toBe('deny');
    expect(denyWithMethods.decide(mongo, tcp(9001, sleep))).toBe('allow');
  });

  it('a policy in the root namespace applies to every namespace; one in another namespace does not', () => {
    expect(evaluator(policy('istio-system', '  {}')).decide(httpbin, get('/'))).toBe('deny');
    expect(evaluator(policy('bar', '  {}')).decide(httpbin, get('/'))).toBe('allow');
  });

  it('ipBlocks match the source address; AUDIT policies do not decide', () => {
    const e = evaluator(policy('foo', '  rules: [{from: [{source: {ipBlocks: ["10.244.0.0/16"], notIpBlocks: ["10.244.0.9"]}}]}]'));
    expect(e.decide(httpbin, { ...get('/'), sourceIp: '10.244.3.3' })).toBe('allow');
    expect(e.decide(httpbin, get('/'))).toBe('deny');
    expect(evaluator(policy('foo', '  action: AUDIT\n  rules: [{}]')).decide(httpbin, get('/'))).toBe('allow');
  });

  it('refuses what it cannot evaluate rather than guessing: `when`, CUSTOM, targetRefs', () => {
    expect(() => evaluator(policy('foo', '  rules: [{when: [{key: request.headers[x], values: [y]}]}]'))).toThrow(/when/);
    expect(() => evaluator(policy('foo', '  action: CUSTOM\n  provider: {name: ext}\n  rules: [{}]'))).toThrow(/CUSTOM/);
  });
});
