import { execFileSync } from 'node:child_process';
import { SERVICE_NAMES } from '@shop/topology';
import { DEPLOY, PUBLIC_NETWORK, imageOf } from '@shop/deploy';
import { docker, type ContainerInfo } from './docker';

const SHELLS = ['bin/sh', 'bin/bash', 'bin/dash', 'bin/ash', 'usr/bin/sh', 'usr/bin/bash', 'usr/bin/dash', 'bin/busybox', 'usr/bin/busybox'];
/** Environment names that would hold a secret; the only allowed form is a *_FILE path. */
const SECRET_NAME = /PASSWORD|SECRET|TOKEN|PRIVATE|API_?KEY|CREDENTIAL/i;

/** Every file of an image, from a created (never started) container's export. */
function imageFiles(image: string): string[] {
  const id = docker(['create', image]).trim();
  try {
    const tar = execFileSync('sh', ['-c', `docker export ${id} | tar -t`], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    return tar.split('\n').filter(Boolean).map((path) => path.replace(/^\.\//, ''));
  } finally {
    docker(['rm', id]);
  }
}

/**
 * The secret values a running service holds (passwords, private JWK `d`s,
 * PEM private keys), read from its own volume by a throw-away container.
 */
function secretValuesOf(container: ContainerInfo, probeImage: string): string[] {
  const mount = (container.raw.Mounts as Array<{ Name?: string; Destination: string }>).find((m) => m.Destination.startsWith(DEPLOY.secretsMount));
  if (!mount?.Name) return [];
  const script = `
    const fs = require('node:fs'); const path = require('node:path'); const out = [];
    const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) walk(p); else out.push(fs.readFileSync(p, 'utf8')); } };
    walk('/s'); process.stdout.write(JSON.stringify(out));`;
  const files = JSON.parse(docker(['run', '--rm', '--network', 'none', '--user', '10001:10001', '-v', `${mount.Name}:/s:ro`, '--entrypoint', '/nodejs/bin/node', probeImage, '-e', script])) as string[];
  const values: string[] = [];
  for (const text of files) {
    for (const match of text.matchAll(/"(?:password|d)":\s*"([^"]{8,})"/g)) values.push(match[1]);
    for (const match of text.matchAll(/-----BEGIN [A-Z ]*PRIVATE KEY-----\n([A-Za-z0-9+/=]{16})/g)) values.push(match[1]);
  }
  return values;
}

function checkContainer(container: ContainerInfo, probeImage: string): string[] {
  const problems: string[] = [];
  const { Config: config, HostConfig: host } = container.raw;
  const name = container.service;
  if (config.User !== `${DEPLOY.runtimeUid}:${DEPLOY.runtimeGid}`) problems.push(`${name}: runs as "${config.User}"`);
  if (host.ReadonlyRootfs !== true) problems.push(`${name}: root file system is writable`);
  if (!(host.CapDrop ?? []).includes('ALL') || (host.CapAdd ?? []).length > 0) problems.push(`${name}: capabilities not all dropped`);
  if (!(host.SecurityOpt ?? []).includes('no-new-privileges:true')) problems.push(`${name}: no-new-privileges missing`);
  if (host.Privileged) problems.push(`${name}: privileged`);
  if (!host.Memory || !host.PidsLimit) problems.push(`${name}: no memory or pid limit`);
  const env = (config.Env as string[]).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);
  // A name that says where secrets live (SECRETS_DIR, *_FILE, *_PATH) is fine; the values are checked below.
  for (const [key] of env) if (SECRET_NAME.test(key) && !/_(FILE|DIR|PATH)$/.test(key)) problems.push(`${name}: environment variable ${key} looks like a secret`);
  const secrets = secretValuesOf(container, probeImage);
  if (secrets.length === 0) problems.push(`${name}: found no secrets to look for (the check would prove nothing)`);
  for (const [key, value] of env) if (secrets.some((secret) => value.includes(secret))) problems.push(`${name}: environment variable ${key} holds a secret value`);
  const history = docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', container.image]);
  if (secrets.some((secret) => history.includes(secret))) problems.push(`${name}: a secret value appears in the image history`);
  return problems;
}

function checkImage(app: string): { problems: string[]; sizeMb: number } {
  const image = imageOf(app);
  const files = imageFiles(image);
  const problems: string[] = [];
  for (const shell of SHELLS) if (files.includes(shell)) problems.push(`${image}: has a shell (${shell})`);
  if (files.some((f) => /(^|\/)npm-cli\.js$|(^|\/)bin\/npm$/.test(f) && !f.startsWith('app/node_modules/'))) problems.push(`${image}: has npm`);
  const leaked = files.filter((f) => /(^|\/)(\.dev|\.kind|\.compose|\.git)(\/|$)|\.env$/.test(f) || (/\.(pem|key)$/.test(f) && !f.includes('node_modules/')));
  if (leaked.length > 0) problems.push(`${image}: carries ${leaked.slice(0, 5).join(', ')}`);
  const secretFiles = files.filter((f) => f.startsWith(DEPLOY.secretsMount.slice(1)) && !f.endsWith('/'));
  if (secretFiles.length > 0) problems.push(`${image}: files under the secrets mount: ${secretFiles.join(', ')}`);
  const sizeMb = Number(docker(['image', 'inspect', '-f', '{{.Size}}', image]).trim()) / 1e6;
  return { problems, sizeMb };
}

/** docker inspect of the running services, the images' contents, and the networks' internal flags. */
export function checkContainers(containers: Map<string, ContainerInfo>, project: string, probeImage: string): string[] {
  const problems: string[] = [];
  for (const service of SERVICE_NAMES) {
    const container = containers.get(service);
    if (container) problems.push(...checkContainer(container, probeImage));
    else problems.push(`no running container for ${service}`);
  }
  process.stdout.write('Image sizes:\n');
  for (const app of [...SERVICE_NAMES, 'platform-init']) {
    const result = checkImage(app);
    process.stdout.write(`  ${imageOf(app).padEnd(36)} ${result.sizeMb.toFixed(0)} MB\n`);
    problems.push(...result.problems);
  }
  const networks = docker(['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`]).split('\n').filter(Boolean);
  for (const network of JSON.parse(docker(['network', 'inspect', ...networks])) as Array<{ Name: string; Internal: boolean }>) {
    const isPublic = network.Name === `${project}_${PUBLIC_NETWORK}`;
    if (network.Internal === isPublic) problems.push(`network ${network.Name}: internal=${network.Internal}`);
  }
  return problems;
}
