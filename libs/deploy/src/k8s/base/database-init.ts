import { SECRET_FILES } from '@shop/security/secrets';
import { DEPLOY, imageOf } from '../../deploy-settings';
import { DATABASE_INIT, POSTGRES, labelsOf, schemaOwners } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { containerSecurityContext, podSecurityContext, resourcesOf, scratchVolume } from './security-context';
import { migrationFolderOf, secretMount } from './secret-mounts';

/** The image of the container issue's init tool. */
export const PLATFORM_INIT_APP = 'platform-init';

/**
 * The migrations and seed Job: `platform-init database` creates the database,
 * the schemas and one role pair per service, then runs each service's own
 * `migrate` (as its owner role) and `seed`. Those child processes start like
 * the services, so each needs its SVID and database files; the Job sees
 * nothing else: no signing key, no HTTPS key, no CA key.
 */
export function databaseInitManifests(): Manifest[] {
  const mounts = [secretMount('superuser', POSTGRES.name, [POSTGRES.passwordFile])];
  for (const service of schemaOwners()) {
    const files = [SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle, SECRET_FILES.runtimeDb];
    mounts.push(secretMount(`${service}-db`, service, files));
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
                // The image's entry point is node; these are its arguments.
                args: [`dist/apps/${PLATFORM_INIT_APP}/src/main.js`, 'database'],
                env: [
                  { name: 'SHOP_ENV', value: 'development' },
                  { name: 'SECRETS_DIR', value: DEPLOY.secretsMount },
                  // Required by platform-init's settings; `database` reads no CA key from it.
                  { name: 'SHOP_PKI_DIR', value: '/tmp/pki' },
                  { name: 'SHOP_DB_HOST', value: POSTGRES.name },
                  { name: 'SHOP_DB_PORT', value: String(POSTGRES.port) },
                  // A path, not a secret: the file holding only the superuser's password.
                  { name: 'SHOP_DB_ADMIN_PASSWORD_FILE', value: `${DEPLOY.secretsMount}/${POSTGRES.name}/${POSTGRES.passwordFile}` },
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
