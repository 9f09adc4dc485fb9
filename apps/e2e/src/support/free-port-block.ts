import { createServer } from 'node:net';
import { EMBEDDED_POSTGRES_PORT } from '@shop/dev-platform';
import { SERVICES, SERVICE_NAMES } from '@shop/topology';

const free = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

/**
 * A port offset, far from the blocks startTestPlatform and the launcher test
 * use, where every port of the platform (plus `extraPorts`, for a copy whose
 * topology has more services than this one) is free right now.
 */
export async function freePortOffset(extraPorts: readonly number[] = []): Promise<number> {
  const ports = (offset: number) =>
    [
      ...SERVICE_NAMES.flatMap((name) => [SERVICES[name].opsPort, SERVICES[name].grpcPort, SERVICES[name].httpsPort]).filter((port): port is number => port !== undefined),
      ...extraPorts,
      EMBEDDED_POSTGRES_PORT,
    ].map((port) => port + offset);
  for (let tries = 0; tries < 30; tries++) {
    const offset = 7000 + Math.floor(Math.random() * 50) * 20;
    if ((await Promise.all(ports(offset).map(free))).every(Boolean)) return offset;
  }
  throw new Error('no free port block');
}
