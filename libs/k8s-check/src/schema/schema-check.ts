import * as istioNetworkingV1beta1 from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import * as istioSecurityV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as istioSecurityV1beta1 from '@kubernetes-models/istio/security.istio.io/v1beta1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';
import { describe, type K8sObject } from '../manifests';
import { validateTracingReads } from './traced-validation';

interface ModelClass {
  new (data: object): object;
  readonly apiVersion: string;
  readonly kind: string;
}

const MODULES: readonly object[] = [coreV1, appsV1, batchV1, networkingV1, policyV1, rbacV1, istioSecurityV1, istioSecurityV1beta1, istioNetworkingV1beta1];

/** `apps/v1 Deployment` -> its model class, for every kind the schema packages know. */
const MODELS = new Map<string, ModelClass>();
for (const module of MODULES) {
  for (const value of Object.values(module) as unknown[]) {
    const model = value as Partial<ModelClass>;
    if (typeof value === 'function' && typeof model.apiVersion === 'string' && typeof model.kind === 'string') {
      MODELS.set(`${model.apiVersion} ${model.kind}`, value as ModelClass);
    }
  }
}

/** Problems of one object against its schema; an apiVersion/kind without a schema is a problem too. */
export function schemaProblemsOf(object: K8sObject): string[] {
  const model = MODELS.get(`${object.apiVersion} ${object.kind}`);
  if (!model) return [`${describe(object)}: no schema for ${object.apiVersion} ${object.kind} (the checker refuses what it cannot check)`];
  const instance = new model(object);
  const validate = (model.prototype as { validate: (this: object) => void }).validate;
  const result = validateTracingReads(instance, validate);
  const problems = result.schemaError ? [`${describe(object)}: ${result.schemaError}`] : [];
  return [...problems, ...result.unknownFields.map((field) => `${describe(object)}: unknown field ${field}`)];
}

export function schemaProblems(objects: readonly K8sObject[]): string[] {
  return objects.flatMap(schemaProblemsOf);
}
