import { SERVICE_NAMES } from '@shop/topology';
import { DEPLOY } from '../../deploy-settings';
import type { GeneratedFile } from '../../generated-file';
import { DATABASE_INIT, POSTGRES, REDIS } from '../k8s-names';
import { kustomizationFile, yamlFile } from '../yaml-file';
import { databaseInitManifests } from './database-init';
import { postgresManifests, redisManifests } from './data-stores';
import { restrictedNamespace } from './namespace';
import { serviceManifests } from './service-workload';

const DIR = 'k8s/base';

/** k8s/base: the namespace, one file per service, the data stores and the database Job. */
export function baseFiles(): GeneratedFile[] {
  const files = [
    yamlFile(`${DIR}/namespace.yaml`, () => [restrictedNamespace(DEPLOY.namespace)]),
    ...SERVICE_NAMES.map((service) => yamlFile(`${DIR}/${service}.yaml`, () => serviceManifests(service))),
    yamlFile(`${DIR}/${POSTGRES.name}.yaml`, postgresManifests),
    yamlFile(`${DIR}/${REDIS.name}.yaml`, redisManifests),
    yamlFile(`${DIR}/${DATABASE_INIT}.yaml`, databaseInitManifests),
  ];
  const resources = files.map((f) => f.path.slice(DIR.length + 1));
  return [...files, kustomizationFile(DIR, { namespace: DEPLOY.namespace, resources })];
}
