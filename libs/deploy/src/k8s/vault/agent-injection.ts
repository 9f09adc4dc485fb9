import { SECRET_FILES } from '@shop/security/secrets';
import { SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { DEPLOY } from '../../deploy-settings';
import { VAULT, agentTemplatesOf } from '../../vault/vault-material';
import { API_TOKEN_REASON_ANNOTATION, secretKeyOf, secretNameOf } from '../k8s-names';
import type { Manifest } from '../yaml-file';

const A = 'vault.hashicorp.com';
/** The projected token only the Vault Agent containers mount (the injector finds it by this name). */
export const VAULT_TOKEN_VOLUME = 'vault-token';
/** The SVID set still comes from the per-service Secret: Vault does not issue workload identities. */
const SVID_FILES = [SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle];
const SVID_DIR = 'tls';

/** `https/cert.pem` -> `https-cert.pem`: the injector's per-file annotation suffix (no `/` allowed). */
function annotationNameOf(file: string): string {
  return file.replaceAll('/', '-');
}

/**
 * The Vault Agent Injector's annotations for one service: log in with the
 * service's own Kubernetes auth role, render each `vault/templates/<service>`
 * template into SECRETS_DIR/<service>/ under the same relative path (0400,
 * failing on a missing key), and mount that folder in the service's
 * container only. The template texts are the files themselves, copied here
 * by the generator (the drift test catches an edit on either side).
 */
export function agentAnnotationsOf(service: ServiceName): Record<string, string> {
  const annotations: Record<string, string> = {
    [`${A}/agent-inject`]: 'true',
    [`${A}/role`]: service,
    [`${A}/service`]: `http://${VAULT.k8sServerName}.${VAULT.k8sNamespace}.svc:${VAULT.port}`,
    [`${A}/auth-path`]: 'auth/kubernetes',
    [`${A}/secret-volume-path`]: `${DEPLOY.secretsMount}/${service}`,
    [`${A}/agent-inject-containers`]: service,
    [`${A}/agent-service-account-token-volume-name`]: VAULT_TOKEN_VOLUME,
    [`${A}/agent-run-as-user`]: String(DEPLOY.runtimeUid),
    [`${A}/agent-run-as-group`]: String(DEPLOY.runtimeGid),
    [`${A}/agent-requests-cpu`]: '20m',
    [`${A}/agent-requests-mem`]: '32Mi',
    [`${A}/agent-limits-cpu`]: '200m',
    [`${A}/agent-limits-mem`]: '64Mi',
    [API_TOKEN_REASON_ANNOTATION]: `Vault Agent logs in to Vault (Kubernetes auth, role ${service}) with a projected token for the audience "${VAULT.tokenAudience}"; only the agent containers mount it`,
  };
  for (const template of agentTemplatesOf(service)) {
    const name = annotationNameOf(template.file);
    annotations[`${A}/agent-inject-secret-${name}`] = template.firstSecretPath;
    annotations[`${A}/agent-inject-template-${name}`] = template.text;
    annotations[`${A}/agent-inject-file-${name}`] = template.file;
    annotations[`${A}/agent-inject-perms-${name}`] = '0400';
    annotations[`${A}/error-on-missing-key-${name}`] = 'true';
  }
  return annotations;
}

/**
 * The pod template of one service under Vault: the injector's annotations;
 * the per-service Secret narrowed to the SVID set and mounted at tls/ (the
 * agent's memory volume takes SECRETS_DIR/<service>/ itself); and a
 * projected ServiceAccount token for the agent. automountServiceAccountToken
 * stays false: the service's own container never holds an API token.
 */
export function vaultPodPatch(service: ServiceName): Manifest {
  const folder = `${DEPLOY.secretsMount}/${service}`;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: service, namespace: DEPLOY.namespace },
    spec: {
      template: {
        metadata: { annotations: agentAnnotationsOf(service) },
        spec: {
          automountServiceAccountToken: false,
          containers: [
            {
              name: service,
              volumeMounts: [
                { mountPath: folder, $patch: 'delete' },
                { name: 'secrets', mountPath: `${folder}/${SVID_DIR}`, readOnly: true },
              ],
            },
          ],
          volumes: [
            {
              name: 'secrets',
              secret: {
                secretName: secretNameOf(service),
                defaultMode: 0o400,
                items: SVID_FILES.map((path) => ({ key: secretKeyOf(path), path: path.slice(SVID_DIR.length + 1) })),
              },
            },
            {
              name: VAULT_TOKEN_VOLUME,
              projected: {
                sources: [{ serviceAccountToken: { audience: VAULT.tokenAudience, expirationSeconds: VAULT.tokenSeconds, path: 'token' } }],
              },
            },
          ],
        },
      },
    },
  };
}

export function vaultPodPatches(): Manifest[] {
  return SERVICE_NAMES.map(vaultPodPatch);
}
