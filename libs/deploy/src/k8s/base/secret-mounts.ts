import { SECRET_FILES, migrationSecretsDirOf } from '@shop/security/secrets';
import { SERVICES, type ServiceName } from '@shop/topology';
import { DEPLOY } from '../../deploy-settings';
import { secretKeyOf, secretNameOf } from '../k8s-names';

/**
 * The files each service reads from SECRETS_DIR/<service>/, as the dev
 * bootstrap and the platform-init tool write them. A file listed here but
 * missing from the Secret stops the pod from starting, loudly.
 */
export function secretFilesOf(service: ServiceName): string[] {
  const spec = SERVICES[service];
  const files: string[] = [SECRET_FILES.svidCert, SECRET_FILES.svidKey, SECRET_FILES.trustBundle];
  // The public edge terminates HTTPS and mints the passports.
  if (spec.httpsPort) files.push(SECRET_FILES.httpsCert, SECRET_FILES.httpsKey, SECRET_FILES.passportSigningKeys);
  if (service === 'auth') files.push(SECRET_FILES.accessTokenKeys);
  if (spec.grpcPort) files.push(SECRET_FILES.passportVerifyKeys);
  if (spec.schema) files.push(SECRET_FILES.runtimeDb);
  return files;
}

export interface SecretMount {
  readonly volume: Record<string, unknown>;
  readonly mount: Record<string, unknown>;
}

/**
 * One Secret mounted read-only at SECRETS_DIR/<folder>/, each key back at
 * its relative path, mode 0400 (kubelet adds group read for fsGroup).
 */
export function secretMount(volumeName: string, folder: string, files: readonly string[]): SecretMount {
  return {
    volume: {
      name: volumeName,
      secret: {
        secretName: secretNameOf(folder),
        defaultMode: 0o400,
        items: files.map((path) => ({ key: secretKeyOf(path), path })),
      },
    },
    mount: { name: volumeName, mountPath: `${DEPLOY.secretsMount}/${folder}`, readOnly: true },
  };
}

/** The migration owner's folder: SECRETS_DIR/<service>-migrate/, only for the database Job. */
export function migrationFolderOf(service: ServiceName): string {
  return migrationSecretsDirOf(service);
}
