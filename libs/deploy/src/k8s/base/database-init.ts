import { SECRET_FILES } from '@shop/security/secrets';
import { DEPLOY, imageOf } from '../../deploy-settings';
import { DATABASE_INIT, POSTGRES, labelsOf, schemaOwners } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { containerSecurityContext, podSecurityContext, resourcesOf, scratchVolume } from './security-context';
import { migrationFolderOf, secretMount } from './secret-mounts';

/** The platform-init image (container issue) and the file it reads the superuser connection from. */
export const PLATFORM_INIT_APP = 'platform-init';
export const SUPERUSER_FILE = 'db-admin.json';

/**
 * The migrations and seed Job: `platform-init database` creates the database,
 * the schemas and one role pair per service, migrates as each owner role and
 * seeds the demo data. It sees the database files of every service (it sets
 * their passwords) and nothing else: no SVID, no signing key.
 */
export function databaseInitManifests(): Manifest[] {
  const mounts = [secretMount('superuser', POSTGRES.name, [SUPERUSER_FILE])];
  for (const service of schemaOwners()) {
    mounts.push(secretMount(`${service}-db`, service, [SECRET_FILES.runtimeDb]));
    mounts.push(secretMount(`${service}-owner`, migrationFolderOf(service), [SECRET_FILES.ownerDb]));
  }
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: DATABASE_INIT, labels: labelsOf(DATABASE_INIT, 'migrations') },
      automountServiceAccountToken: false,
    },
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: DATABASE_INIT, labels: labelsOf(DATABASE_INIT, 'migrations') },
      spec: {
        backoffLimit: 6,
        ttlSecondsAfterFinished: 3600,
        template: {
          metadata: { labels: labelsOf(DATABASE_INIT, 'migrations') },
          spec: {
            serviceAccountName: DATABASE_INIT,
            automountServiceAccountToken: false,
            restartPolicy: 'OnFailure',
            securityContext: podSecurityContext(DEPLOY.runtimeUid, DEPLOY.runtimeGid),
            containers: [
              {
                name: DATABASE_INIT,
                image: imageOf(PLATFORM_INIT_APP),
                imagePullPolicy: 'IfNotPresent',
                args: ['node', `dist/apps/${PLATFORM_INIT_APP}/src/main.js`, 'database'],
                env: [
                  { name: 'SHOP_ENV', value: 'development' },
                  { name: 'SECRETS_DIR', value: DEPLOY.secretsMount },
                  // A path, not a secret: the superuser connection (JSON) that scripts/kind-up.sh wrote.
                  { name: 'SHOP_DB_ADMIN_FILE', value: `${DEPLOY.secretsMount}/${POSTGRES.name}/${SUPERUSER_FILE}` },
                ],
                resources: resourcesOf({ cpu: ['100m', '1'], memory: ['128Mi', '384Mi'] }),
                securityContext: containerSecurityContext(),
                volumeMounts: [...mounts.map((m) => m.mount), { name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [...mounts.map((m) => m.volume), scratchVolume('tmp')],
          },
        },
      },
    },
  ];
}
