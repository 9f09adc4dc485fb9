import { stringify } from 'yaml';
import { GENERATED_HEADER, type GeneratedFile } from '../generated-file';

/** A Kubernetes object as plain data; the checker, not TypeScript, validates its schema. */
export type Manifest = Record<string, unknown>;

/** Renders objects as one multi-document YAML file under the generated-file header. */
export function yamlFile(path: string, build: () => readonly Manifest[]): GeneratedFile {
  return {
    path,
    render: () => {
      const docs = build().map((doc) => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }).trimEnd());
      return `${GENERATED_HEADER}\n${docs.join('\n---\n')}\n`;
    },
  };
}

/** A kustomization (or Component) file listing what sits next to it. */
export function kustomizationFile(dir: string, body: Manifest, component = false): GeneratedFile {
  const head = component
    ? { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' }
    : { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  return yamlFile(`${dir}/kustomization.yaml`, () => [{ ...head, ...body }]);
}
