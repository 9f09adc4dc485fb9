import { DEPLOY } from '../../deploy-settings';
import { POSTGRES, REDIS, labelsOf, secretNameOf, selectorOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { containerSecurityContext, podController, podSecurityContext, resourcesOf, scratchVolume } from './security-context';

/** Pinned public images of the training cluster's data stores. */
export const POSTGRES_IMAGE = 'postgres:17.6-bookworm';
export const REDIS_IMAGE = 'redis:7.4.5-bookworm';

function accountOf(name: string, component: 'database' | 'cache'): Manifest {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, labels: labelsOf(name, component) }, automountServiceAccountToken: false };
}

function tcpServiceOf(name: string, port: number, component: 'database' | 'cache'): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, labels: labelsOf(name, component) },
    spec: { selector: selectorOf(name), ports: [{ name: 'tcp', port, targetPort: 'tcp', appProtocol: 'tcp' }] },
  };
}

function execProbe(command: string[], periodSeconds: number): Record<string, unknown> {
  return { exec: { command }, periodSeconds, timeoutSeconds: 3, failureThreshold: 3 };
}

/**
 * PostgreSQL for the training cluster: one StatefulSet, data on a volume.
 * The superuser password is a file from the `shop-postgres` Secret, which
 * scripts/kind-up.sh creates from what `platform-init secrets` generated;
 * only PostgreSQL and the database Job mount it.
 */
export function postgresManifests(): Manifest[] {
  const secretDir = `${DEPLOY.secretsMount}/${POSTGRES.name}`;
  const pgIsReady = ['pg_isready', '-h', '127.0.0.1', '-U', 'postgres'];
  return [
    accountOf(POSTGRES.name, 'database'),
    tcpServiceOf(POSTGRES.name, POSTGRES.port, 'database'),
    podController(
      'StatefulSet',
      labelsOf(POSTGRES.name, 'database'),
      selectorOf(POSTGRES.name),
      {
        securityContext: podSecurityContext(POSTGRES.uid),
        containers: [
          {
            name: POSTGRES.name,
            image: POSTGRES_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            env: [
              // A path, not a secret: the entrypoint reads the password from this file.
              { name: 'POSTGRES_PASSWORD_FILE', value: `${secretDir}/${POSTGRES.passwordFile}` },
              { name: 'PGDATA', value: '/var/lib/postgresql/data/pgdata' },
            ],
            ports: [{ name: 'tcp', containerPort: POSTGRES.port, protocol: 'TCP' }],
            livenessProbe: execProbe(pgIsReady, 10),
            readinessProbe: execProbe(pgIsReady, 5),
            resources: resourcesOf({ cpu: ['100m', '1'], memory: ['256Mi', '512Mi'] }),
            securityContext: containerSecurityContext(),
            volumeMounts: [
              { name: 'data', mountPath: '/var/lib/postgresql/data' },
              { name: 'run', mountPath: '/var/run/postgresql' },
              { name: 'tmp', mountPath: '/tmp' },
              { name: 'superuser', mountPath: secretDir, readOnly: true },
            ],
          },
        ],
        volumes: [
          scratchVolume('run', '1Mi'),
          scratchVolume('tmp'),
          { name: 'superuser', secret: { secretName: secretNameOf(POSTGRES.name), defaultMode: 0o400, items: [{ key: POSTGRES.passwordFile, path: POSTGRES.passwordFile }] } },
        ],
      },
      {
        serviceName: POSTGRES.name,
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    ),
  ];
}

/**
 * Redis for the gateway's rate limits and token denylist. No persistence and
 * no password (REDIS_URL is an environment variable, and secrets never are):
 * the NetworkPolicy and the mesh policy admit the gateway alone.
 */
export function redisManifests(): Manifest[] {
  const ping = ['redis-cli', '-h', '127.0.0.1', 'ping'];
  return [
    accountOf(REDIS.name, 'cache'),
    tcpServiceOf(REDIS.name, REDIS.port, 'cache'),
    podController('Deployment', labelsOf(REDIS.name, 'cache'), selectorOf(REDIS.name), {
      securityContext: podSecurityContext(REDIS.uid),
      containers: [
        {
          name: REDIS.name,
          image: REDIS_IMAGE,
          imagePullPolicy: 'IfNotPresent',
          args: ['--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--maxmemory', '96mb'],
          ports: [{ name: 'tcp', containerPort: REDIS.port, protocol: 'TCP' }],
          livenessProbe: execProbe(ping, 10),
          readinessProbe: execProbe(ping, 5),
          resources: resourcesOf({ cpu: ['50m', '500m'], memory: ['64Mi', '128Mi'] }),
          securityContext: containerSecurityContext(),
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        },
      ],
      volumes: [scratchVolume('data')],
    }),
  ];
}
