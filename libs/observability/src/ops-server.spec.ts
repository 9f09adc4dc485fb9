import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createLogger } from './logger';
import { ShopMetrics } from './metrics';
import { startOpsServer, type ReadinessCheck } from './ops-server';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const silentLogger = createLogger({
  service: 'test',
  level: 'warn',
  destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
});

async function withOpsServer(checks: ReadinessCheck[], run: (base: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  const server: Server = await startOpsServer({
    host: '127.0.0.1',
    port,
    metrics: new ShopMetrics('test'),
    checks,
    logger: silentLogger,
    checkTimeoutMs: 100,
  });
  try {
    await run(`http://127.0.0.1:${port}`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const passing: ReadinessCheck = { name: 'database', check: async () => undefined };

describe('ops server probes', () => {
  it('answers /healthz with 200', () =>
    withOpsServer([], async (base) => {
      const res = await fetch(`${base}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    }));

  it('answers /readyz with 200 when every check passes', () =>
    withOpsServer([passing, { name: 'payment', check: async () => undefined }], async (base) => {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'ok', payment: 'ok' } });
    }));

  it('answers /readyz with 503 naming a check that throws', () =>
    withOpsServer([passing, { name: 'payment', check: () => Promise.reject(new Error('connection refused')) }], async (base) => {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; checks: Record<string, string> };
      expect(body.status).toBe('not_ready');
      expect(body.checks['database']).toBe('ok');
      expect(body.checks['payment']).toMatch(/^failing: /);
    }));

  it('answers /readyz with 503 naming a check that hangs past the timeout', () =>
    withOpsServer([passing, { name: 'inventory', check: () => new Promise<void>(() => undefined) }], async (base) => {
      const res = await fetch(`${base}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: Record<string, string> };
      expect(body.checks['inventory']).toMatch(/^failing: /);
    }));
});

describe('ops server metrics', () => {
  it('exposes the platform and default process metrics', () =>
    withOpsServer([], async (base) => {
      const res = await fetch(`${base}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      const body = await res.text();
      expect(body).toContain('shop_http_requests_total');
      expect(body).toContain('shop_rpc_server_requests_total');
      expect(body).toContain('process_cpu');
    }));
});

describe('ops server refusals', () => {
  it('answers anything but GET with 405', () =>
    withOpsServer([], async (base) => {
      const res = await fetch(`${base}/healthz`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('GET');
    }));

  it('answers an unknown path with 404', () =>
    withOpsServer([], async (base) => {
      expect((await fetch(`${base}/admin`)).status).toBe(404);
      expect((await fetch(`${base}/healthz/extra`)).status).toBe(404);
    }));

  it('ignores the query string when routing', () =>
    withOpsServer([], async (base) => {
      expect((await fetch(`${base}/healthz?verbose=1`)).status).toBe(200);
    }));
});
