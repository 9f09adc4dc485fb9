import { SERVICE_NAMES, type ServiceName } from '@shop/topology';
import { DEPLOY } from '../deploy-settings';
import { GENERATED_HEADER, type GeneratedFile } from '../generated-file';
import { VAULT, agentTemplatesOf } from './vault-material';

/** HCL string literal: JSON's escaping is valid HCL for the plain paths used here. */
const hcl = (value: string) => JSON.stringify(value);

/**
 * vault/agent/<service>.hcl, the compose agent's configuration: AppRole login
 * with the ids vault-init wrote into this service's own volume, and one
 * template stanza per file of vault/templates/<service> (mounted at
 * /vault/templates), rendered 0400 into SECRETS_DIR/<service>/.
 */
export function agentConfigOf(service: ServiceName): string {
  const templates = agentTemplatesOf(service).map((t) =>
    [
      'template {',
      `  source               = ${hcl(`/vault/templates/${t.file}.ctmpl`)}`,
      `  destination          = ${hcl(`${DEPLOY.secretsMount}/${service}/${t.file}`)}`,
      '  perms                = "0400"',
      '  error_on_missing_key = true',
      '}',
    ].join('\n'),
  );
  return [
    GENERATED_HEADER,
    `# Vault Agent of ${service} (docker-compose.vault.yml). Policy shop-${service}: its own paths only.`,
    '',
    'vault {',
    `  address = ${hcl(`http://vault:${VAULT.port}`)}`,
    '}',
    '',
    'auto_auth {',
    '  method "approle" {',
    '    config = {',
    '      role_id_file_path                   = "/vault/approle/role-id"',
    '      secret_id_file_path                 = "/vault/approle/secret-id"',
    '      remove_secret_id_file_after_reading = false',
    '    }',
    '  }',
    '}',
    '',
    '# A template that cannot render after its retries stops the agent: compose shows it unhealthy',
    '# instead of the service reading stale files forever.',
    'template_config {',
    '  exit_on_retry_failure = true',
    '}',
    '',
    ...templates.flatMap((t) => [t, '']),
  ].join('\n');
}

export function agentConfigFiles(): GeneratedFile[] {
  return SERVICE_NAMES.map((service) => ({ path: `vault/agent/${service}.hcl`, render: () => agentConfigOf(service) }));
}
