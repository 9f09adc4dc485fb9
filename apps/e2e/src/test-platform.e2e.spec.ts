import { createServer, type Server } from 'node:net';
import { startTestPlatform } from '@shop/testing';
import { SERVICES } from '@shop/topology';

/**
 * The harness itself: test port blocks sit inside Linux's ephemeral port
 * range, so a port can be briefly taken by some outgoing connection. The
 * harness must move to another block instead of failing the suite.
 */
describe('startTestPlatform', () => {
  let squatter: Server;

  afterAll(() => squatter?.close());

  it('moves to the next port block when a port of its block is taken', async () => {
    // This file's first platform would get block +1000 (one Jest worker); take inventory's gRPC port there.
    const taken = (SERVICES.inventory.grpcPort as number) + 1000 + (Number(process.env['JEST_WORKER_ID'] ?? 1) - 1) * 400;
    squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(taken, '127.0.0.1', resolve));
    const platform = await startTestPlatform({ label: 'ports' });
    try {
      expect(platform.portOffset).not.toBe(taken - (SERVICES.inventory.grpcPort as number));
      expect((await platform.api.get('/api/v1/products')).status).toBe(200);
    } finally {
      await platform.destroy();
    }
  }, 120_000);
});
