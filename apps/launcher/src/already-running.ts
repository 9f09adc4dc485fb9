import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';
import { commandOf, portIsFree, portOwner } from './port-owners';

/** A port the platform needs, with what it is for. */
interface PlatformPort {
  readonly port: number;
  readonly what: string;
}

/** Every port `npm start` binds at this offset, named for the message. */
export function platformPorts(offset: number, embeddedPostgresPort?: number): PlatformPort[] {
  const ports = SERVICE_NAMES.flatMap((name) => {
    const { httpsPort, grpcPort, opsPort } = SERVICES[name];
    return [
      ...(httpsPort === undefined ? [] : [{ port: httpsPort + offset, what: `${name} HTTPS` }]),
      ...(grpcPort === undefined ? [] : [{ port: grpcPort + offset, what: `${name} gRPC` }]),
      { port: opsPort + offset, what: `${name} ops` },
    ];
  });
  return embeddedPostgresPort === undefined ? ports : [...ports, { port: embeddedPostgresPort, what: 'embedded PostgreSQL' }];
}

const pidFile = (devDir: string) => join(devDir, 'launcher.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The launcher that owns this `.dev` folder, if it still runs (a stale pid file from a crash is ignored). */
function runningLauncher(devDir: string): number | undefined {
  if (!existsSync(pidFile(devDir))) return undefined;
  const pid = Number(readFileSync(pidFile(devDir), 'utf8').trim());
  return Number.isInteger(pid) && pid !== process.pid && alive(pid) && commandOf(pid).includes('launcher') ? pid : undefined;
}

/** Marks `.dev` as in use by this launcher; `release` removes the mark if it is still ours. */
export function claimDevDir(devDir: string): { release(): void } {
  writeFileSync(pidFile(devDir), `${process.pid}\n`);
  return {
    release: () => {
      try {
        if (readFileSync(pidFile(devDir), 'utf8').trim() === String(process.pid)) rmSync(pidFile(devDir));
      } catch {
        // already gone
      }
    },
  };
}

/**
 * Before anything starts: is a platform already running here (this `.dev`
 * folder, or these ports)? Returns the message to print, or undefined when the
 * way is clear. Checking first means a second `npm start` starts nothing, so
 * it leaves nothing behind, and says what is in the way instead of failing
 * somewhere deep inside PostgreSQL or a service.
 */
export async function whatIsAlreadyRunning(devDir: string, ports: readonly PlatformPort[]): Promise<string | undefined> {
  const launcher = runningLauncher(devDir);
  const taken: string[] = [];
  const owners = new Set<number>();
  for (const { port, what } of ports) {
    if (await portIsFree(port)) continue;
    const owner = portOwner(port);
    if (owner) owners.add(owner.pid);
    taken.push(`    ${String(port).padEnd(6)} ${what.padEnd(20)} ${owner ? `pid ${owner.pid}: ${owner.command.slice(0, 100)}` : 'by a process this user cannot see'}`);
  }
  if (launcher === undefined && taken.length === 0) return undefined;
  const lines = ['The platform (or something else) is already running:'];
  if (launcher !== undefined) lines.push(`  the launcher for ${devDir} runs as pid ${launcher}: ${commandOf(launcher).slice(0, 100)}`);
  if (taken.length) lines.push(`  ports in use (${taken.length} of ${ports.length}):`, ...taken);
  lines.push(
    '',
    'To stop it: press Ctrl-C in the terminal that runs it, or',
    launcher !== undefined
      ? `  kill ${launcher}      # the launcher stops its services and database in order`
      : `  kill ${owners.size ? [...owners].join(' ') : '<pid>'}      # the processes holding the ports`,
    'To run a second platform beside it: start from another folder with another SHOP_PORT_OFFSET (e.g. SHOP_PORT_OFFSET=100 npm start).',
  );
  return lines.join('\n');
}
