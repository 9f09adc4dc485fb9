import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';

let platformsStarted = 0;

/** Every port a platform at this offset listens on. */
function portsOf(offset: number): number[] {
  return SERVICE_NAMES.flatMap((name) => [SERVICES[name].opsPort, SERVICES[name].grpcPort, SERVICES[name].httpsPort])
    .filter((port): port is number => port !== undefined)
    .map((port) => port + offset);
}

/** Listens on each port and closes again, exactly as the services will: false if any is taken. */
async function blockIsFree(offset: number): Promise<boolean> {
  for (const port of portsOf(offset)) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (!free) return false;
  }
  return true;
}

/**
 * Each platform gets its own port block so several can run at once (one per
 * Jest worker, and e.g. a secure and a lab platform side by side). The gRPC
 * ports of the blocks lie inside Linux's ephemeral range (32768-60999), where
 * the kernel also places outgoing connections (to PostgreSQL, Redis...), and
 * it hands those out in runs of neighbouring ports: a block whose ports are
 * taken right now is skipped.
 */
export async function nextPortOffset(): Promise<number> {
  const worker = Number(process.env['JEST_WORKER_ID'] ?? 1);
  for (let tries = 0; tries < 20; tries++) {
    const offset = 1000 + (worker - 1) * 400 + (platformsStarted++ % 20) * 20;
    if (await blockIsFree(offset)) return offset;
  }
  throw new Error(`no free port block for Jest worker ${worker}`);
}

/** The EADDRINUSE line a service logged when it could not bind its port, if any. */
export function portConflict(devDir: string): string | undefined {
  try {
    for (const file of readdirSync(join(devDir, 'logs'))) {
      const line = readFileSync(join(devDir, 'logs', file), 'utf8')
        .split('\n')
        .find((l) => l.includes('EADDRINUSE'));
      if (line) return `${file}: ${line.slice(0, 300)}`;
    }
  } catch {
    // no logs yet: not a port conflict
  }
  return undefined;
}
