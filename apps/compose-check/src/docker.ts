import { execFileSync } from 'node:child_process';

/** Runs the docker CLI and returns its standard output (throws with its stderr on failure). */
export function docker(args: readonly string[], input?: string): string {
  return execFileSync('docker', args, { encoding: 'utf8', input, maxBuffer: 512 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'] });
}

export interface ContainerInfo {
  readonly id: string;
  readonly service: string;
  readonly image: string;
  /** Network name (as docker knows it, project-prefixed) to this container's address on it. */
  readonly networks: Record<string, string>;
  readonly raw: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- docker inspect's JSON, read field by field
}

/** The running containers of a compose project, by compose service name. */
export function projectContainers(project: string): Map<string, ContainerInfo> {
  const ids = docker(['ps', '-q', '--filter', `label=com.docker.compose.project=${project}`]).split('\n').filter(Boolean);
  const result = new Map<string, ContainerInfo>();
  if (ids.length === 0) return result;
  for (const raw of JSON.parse(docker(['inspect', ...ids]))) {
    const networks: Record<string, string> = {};
    for (const [name, network] of Object.entries(raw.NetworkSettings.Networks as Record<string, { IPAddress: string }>)) networks[name] = network.IPAddress;
    const service = raw.Config.Labels['com.docker.compose.service'] as string;
    result.set(service, { id: raw.Id, service, image: raw.Config.Image, networks, raw });
  }
  return result;
}
