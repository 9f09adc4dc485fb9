import { DEPLOY } from '../deploy-settings';
import { POSTGRES, REDIS } from '../k8s/k8s-names';
import { POSTGRES_IMAGE, REDIS_IMAGE } from '../k8s/base/data-stores';
import { PLATFORM_INIT_APP } from '../k8s/base/database-init';
import { ADMIN_PASSWORD_FILE, completed, networksBlock, secretsMount, type Service } from './compose-service-parts';

export function postgres(): Service {
  return {
    image: POSTGRES_IMAGE,
    // The official image's postgres uid; the password file is readable through the runtime gid.
    user: `999:999`,
    group_add: [String(DEPLOY.runtimeGid)],
    read_only: true,
    tmpfs: ['/tmp:size=64m', '/var/run/postgresql:size=1m'],
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: '512m',
    pids_limit: 256,
    environment: { POSTGRES_PASSWORD_FILE: ADMIN_PASSWORD_FILE, PGDATA: '/var/lib/postgresql/data/pgdata' },
    volumes: ['postgres-data:/var/lib/postgresql/data', secretsMount(POSTGRES.name, true)],
    healthcheck: { test: ['CMD', 'pg_isready', '-h', '127.0.0.1', '-U', 'postgres'], interval: '2s', timeout: '3s', retries: 30 },
    networks: networksBlock(POSTGRES.name),
    depends_on: completed(PLATFORM_INIT_APP),
  };
}

export function redis(): Service {
  return {
    image: REDIS_IMAGE,
    user: '999:999',
    read_only: true,
    cap_drop: ['ALL'],
    security_opt: ['no-new-privileges:true'],
    mem_limit: '128m',
    pids_limit: 64,
    // Rate limits and the token denylist only: no persistence.
    command: ['redis-server', '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--maxmemory', '96mb'],
    volumes: ['redis-data:/data'],
    healthcheck: { test: ['CMD', 'redis-cli', '-h', '127.0.0.1', 'ping'], interval: '2s', timeout: '3s', retries: 30 },
    networks: networksBlock(REDIS.name),
  };
}
