import { SERVICES, type ServiceName } from '@shop/topology';
import { DEPLOY, imageOf } from '../../deploy-settings';
import { REDIS, labelsOf, selectorOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';
import { containerSecurityContext, podController, podSecurityContext, resourcesOf, scratchVolume } from './security-context';
import { secretFilesOf, secretMount } from './secret-mounts';

/** Environment of a shop service in Kubernetes. No secrets: those are files. */
function environmentOf(service: ServiceName): Array<{ name: string; value: string }> {
  const env = [
    { name: 'SHOP_ENV', value: 'development' },
    { name: 'TRANSPORT_SECURITY', value: 'mtls' },
    { name: 'SECRETS_DIR', value: DEPLOY.secretsMount },
    { name: 'BIND_HOST', value: '0.0.0.0' },
    // Each downstream is reached through its Service's DNS name.
    { name: 'SHOP_DOWNSTREAM_HOST', value: '{service}' },
    { name: 'LOG_LEVEL', value: 'info' },
  ];
  if (SERVICES[service].usesRedis) env.push({ name: 'REDIS_URL', value: `redis://${REDIS.name}:${REDIS.port}` });
  return env;
}

function portsOf(service: ServiceName): Array<Record<string, unknown>> {
  const spec = SERVICES[service];
  const ports: Array<Record<string, unknown>> = [];
  if (spec.grpcPort) ports.push({ name: 'grpc', containerPort: spec.grpcPort, protocol: 'TCP' });
  if (spec.httpsPort) ports.push({ name: 'https', containerPort: spec.httpsPort, protocol: 'TCP' });
  ports.push({ name: 'ops', containerPort: spec.opsPort, protocol: 'TCP' });
  return ports;
}

function probe(path: string, periodSeconds: number, failureThreshold: number): Record<string, unknown> {
  return { httpGet: { path, port: 'ops' }, periodSeconds, timeoutSeconds: 2, failureThreshold };
}

function deploymentOf(service: ServiceName): Manifest {
  const secrets = secretMount('secrets', service, secretFilesOf(service));
  return podController('Deployment', labelsOf(service, 'service'), selectorOf(service), {
    securityContext: podSecurityContext(DEPLOY.runtimeUid, DEPLOY.runtimeGid),
    terminationGracePeriodSeconds: 20,
    containers: [
      {
        name: service,
        image: imageOf(service),
        imagePullPolicy: 'IfNotPresent',
        env: environmentOf(service),
        ports: portsOf(service),
        startupProbe: probe('/healthz', 2, 30),
        livenessProbe: probe('/healthz', 10, 3),
        readinessProbe: probe('/readyz', 5, 3),
        resources: resourcesOf({ cpu: ['100m', '1'], memory: ['160Mi', '384Mi'] }),
        securityContext: containerSecurityContext(),
        volumeMounts: [secrets.mount, { name: 'tmp', mountPath: '/tmp' }],
      },
    ],
    volumes: [secrets.volume, scratchVolume('tmp')],
  });
}

function serviceOf(service: ServiceName): Manifest {
  const spec = SERVICES[service];
  const ports: Array<Record<string, unknown>> = [];
  // appProtocol tells Istio the port speaks gRPC, so it can authorize per method.
  if (spec.grpcPort) ports.push({ name: 'grpc', port: spec.grpcPort, targetPort: 'grpc', appProtocol: 'grpc' });
  // The app terminates TLS itself; to the mesh this port is opaque TCP.
  if (spec.httpsPort) ports.push({ name: 'https', port: spec.httpsPort, targetPort: 'https', appProtocol: 'tcp' });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: service, labels: labelsOf(service, 'service') },
    spec: { selector: selectorOf(service), ports },
  };
}

/** `k8s/base/<service>.yaml`: its ServiceAccount, Service and Deployment. */
export function serviceManifests(service: ServiceName): Manifest[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: service, labels: labelsOf(service, 'service') },
      automountServiceAccountToken: false,
    },
    serviceOf(service),
    deploymentOf(service),
  ];
}
