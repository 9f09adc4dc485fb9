import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { ShopMetrics } from './metrics';

/** One dependency /readyz checks: the database, or a downstream service. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

export interface OpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly metrics: ShopMetrics;
  readonly checks: readonly ReadinessCheck[];
  readonly logger: Logger;
  readonly checkTimeoutMs?: number;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([check.check(), timeout]);
    return 'ok';
  } catch (error) {
    return `failing: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The ops listener: /healthz (the process runs), /readyz (its database and
 * downstream services answer) and /metrics. It is separate from the business
 * port so probes and scrapes never go through authentication or rate limits,
 * and it is never exposed publicly.
 */
export function startOpsServer(options: OpsServerOptions): Promise<Server> {
  const timeoutMs = options.checkTimeoutMs ?? 2000;
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (path === '/readyz') {
      const results = await Promise.all(options.checks.map(async (c) => [c.name, await runCheck(c, timeoutMs)] as const));
      const ready = results.every(([, r]) => r === 'ok');
      if (!ready) options.logger.warn({ checks: Object.fromEntries(results) }, 'not ready');
      res
        .writeHead(ready ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: ready ? 'ready' : 'not_ready', checks: Object.fromEntries(results) }));
      return;
    }
    if (path === '/metrics') {
      const body = await options.metrics.registry.metrics();
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType }).end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"status":"not_found"}');
  });
  // Probes should not pin connections open forever.
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
