import { parseManifests } from '../manifests';
import { schemaProblems } from './schema-check';

const check = (yaml: string) => schemaProblems(parseManifests(yaml));

describe('schema check', () => {
  it('accepts valid Kubernetes and Istio objects', () => {
    expect(
      check(`apiVersion: v1
kind: Service
metadata: {name: a, labels: {any-label: yes-any}}
spec: {ports: [{port: 80}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: p}
spec: {rules: [{from: [{source: {principals: [x]}}]}]}`),
    ).toEqual([]);
  });

  it('rejects fields the schema does not know, which the schema package alone lets through', () => {
    expect(check('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p}\nspec: {rulez: [], rules: [{from: [{source: {principles: [x]}}]}]}')).toEqual([
      'AuthorizationPolicy p: unknown field /spec/rules/0/from/0/source/principles',
      'AuthorizationPolicy p: unknown field /spec/rulez',
    ]);
    expect(
      check('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {selector: {}, template: {spec: {containers: [{name: c, securityContxt: {}}]}}}'),
    ).toEqual(['Deployment d: unknown field /spec/template/spec/containers/0/securityContxt']);
  });

  it('reports values of the wrong type, and kinds it has no schema for', () => {
    const [problem] = check('apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: two, selector: {}, template: {}}');
    expect(problem).toMatch(/^Deployment d: .*replicas.*integer/);
    expect(check('apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}')).toEqual([
      'Widget w: no schema for example.com/v1 Widget (the checker refuses what it cannot check)',
    ]);
  });
});
