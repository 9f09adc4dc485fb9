import { SECRET_FILES } from '@shop/security/secrets';
import type { ServiceName } from '@shop/topology';
import { DEPLOY } from '../deploy-settings';
import { COMPOSE_BASE } from './compose-base-names';
import { APPROLE, RUNTIME_USER, VAULT_IMAGE, agentNetworkOf, approleVolumeOf, hardened, type Service } from './overlay-parts';
import { agentTemplatesOf } from './vault-material';

/**
 * One agent per service: its own AppRole (policy shop-<service>), its own
 * templates (vault/templates/<service>, mounted, not copied), rendering into
 * its service's secrets volume. Healthy once every file is there.
 */
export function agent(service: ServiceName): Service {
  const folder = `${DEPLOY.secretsMount}/${service}`;
  // platform-init's static db.json is already in the volume: only a rendered one has a lease.
  const rendered = agentTemplatesOf(service).map((t) => (t.file === SECRET_FILES.runtimeDb ? `grep -q '"lease"' ${folder}/${t.file}` : `test -s ${folder}/${t.file}`));
  return {
    image: VAULT_IMAGE,
    user: RUNTIME_USER,
    command: ['agent', '-config=/vault/agent.hcl'],
    entrypoint: ['vault'],
    environment: { HOME: '/tmp' },
    volumes: [
      `./vault/agent/${service}.hcl:/vault/agent.hcl:ro`,
      `./vault/templates/${service}:/vault/templates:ro`,
      `${approleVolumeOf(service)}:${APPROLE}:ro`,
      `${COMPOSE_BASE.secretsVolumeOf(service)}:${folder}`,
    ],
    healthcheck: { test: ['CMD', 'sh', '-c', rendered.join(' && ')], interval: '2s', timeout: '2s', retries: 60 },
    depends_on: { 'vault-init': { condition: 'service_completed_successfully' } },
    networks: [agentNetworkOf(service)],
    ...hardened(),
  };
}
