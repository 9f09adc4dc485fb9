import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { LabSwitches } from '@shop/config';
import { startOpsServer } from '@shop/observability';
import { buildRuntime, publishSecurityEvents, type ServiceRuntime } from '@shop/platform';
import { httpsServerOptions, readHttpsMaterial, reloadHttpsOnChange } from '@shop/security/transport-identity';
import helmet from 'helmet';
import type { Server } from 'node:https';
import type Redis from 'ioredis';
import { Logger } from 'nestjs-pino';
import { edgeOptions, hardenEdge } from './edge/harden-edge';
import { inFlightPerAddressMiddleware } from './edge/in-flight-per-address.middleware';
import { GatewayModule } from './gateway.module';
import { concurrencyLimitMiddleware } from './http/concurrency-limit.middleware';
import { httpMetricsMiddleware } from './http/http-metrics.middleware';
import { drainHttpServer } from './http/drain';
import { jsonBody } from './http/json-body';
import { inputShapeMiddleware } from './http/input-shape.middleware';
import { jsonOnlyMiddleware } from './http/json-only.middleware';
import { serveOpenApi } from './http/openapi';
import { ProblemFilter } from './http/problem.filter';
import { requestContextMiddleware } from './http/request-context.middleware';
import { createValidationPipe } from './http/validation';
import { REDIS_CONNECTION } from './rate-limit/rate-limit.constants';
import { redisReadinessCheck } from './rate-limit/redis-readiness';
import { serveWebApp } from './web/serve-web';

/** Request bodies here are tiny; 16 KiB is plenty and bounds parsing work. */
const MAX_BODY = '16kb';

/** The controls of the HTTP pipeline below that the lab can switch off, read once here. */
interface PipelineSwitches {
  /** `edge-limits`: listener timeouts, per-address caps, the concurrency slot taken after the body. */
  readonly edgeLimits: boolean;
  /** `input-shape`: the nesting-depth and control-character middleware. */
  readonly inputShape: boolean;
  /** `mass-assignment`: the validation pipe refuses properties a DTO does not declare. */
  readonly forbidUnknownFields: boolean;
}

function pipelineSwitches(lab: LabSwitches): PipelineSwitches {
  return { edgeLimits: lab.isOn('edge-limits'), inputShape: lab.isOn('input-shape'), forbidUnknownFields: lab.isOn('mass-assignment') };
}

async function createApp(runtime: ServiceRuntime, switches: PipelineSwitches): Promise<NestExpressApplication> {
  const { config, logger, metrics } = runtime;
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRuntime(runtime), {
    httpsOptions: { ...httpsServerOptions(readHttpsMaterial(runtime.secrets, config.env === 'production')), ...edgeOptions(config.edge, switches.edgeLimits) },
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', false);
  // Order matters: correlation first, so everything after it can log with the request id.
  app.use(requestContextMiddleware(runtime.tracer));
  app.use(httpMetricsMiddleware(metrics));
  if (switches.edgeLimits) app.use(inFlightPerAddressMiddleware(config.edge.maxInFlightPerAddress));
  // Lab switch `edge-limits` off: a slot is taken before the body arrives, as before issue 14.
  else app.use(concurrencyLimitMiddleware(config.maxConcurrentCalls));
  app.use(
    helmet({
      // Swagger UI (dev only) needs inline assets; the API itself serves JSON only.
      contentSecurityPolicy: config.env === 'production' ? { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } : false,
      strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
    }),
  );
  serveWebApp(app, logger);
  app.use(jsonOnlyMiddleware);
  app.use(...jsonBody(MAX_BODY));
  if (switches.inputShape) app.use(inputShapeMiddleware);
  if (switches.edgeLimits) app.use(concurrencyLimitMiddleware(config.maxConcurrentCalls));
  app.useGlobalPipes(createValidationPipe(switches.forbidUnknownFields));
  app.useGlobalFilters(new ProblemFilter(logger));
  if (config.env !== 'production') serveOpenApi(app);
  return app;
}

export async function bootstrapGateway(): Promise<void> {
  const runtime = buildRuntime('gateway');
  const { config, logger, metrics } = runtime;
  const stopPublishing = publishSecurityEvents(runtime);
  const switches = pipelineSwitches(config.lab);
  const app = await createApp(runtime, switches);
  await app.listen(config.ports.https as number, config.bindHost);

  const server = app.getHttpServer() as Server;
  server.on('secureConnection', () => metrics.tlsHandshakes.inc({ listener: 'https' }));
  // Slow or silent clients must not hold sockets or slots (docs/controls/input-and-errors.md).
  hardenEdge(server, runtime.config.edge, switches.edgeLimits);
  const stopReloading = reloadHttpsOnChange(runtime.secrets, server, config.env === 'production', (error) =>
    logger.error({ err: error }, 'HTTPS certificate reload failed; keeping the previous one'),
  );

  const redis = app.get<Redis | null>(REDIS_CONNECTION);
  const checks = [...(redis ? [redisReadinessCheck(redis)] : []), ...runtime.clients.readinessChecks()];
  const ops = await startOpsServer({ host: config.bindHost, port: config.ports.ops, metrics, logger, checks });
  logger.info({ https: config.ports.https, ops: config.ports.ops, transport: config.transport }, 'gateway listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    stopReloading();
    ops.close();
    // In order: refuse new requests, finish those in flight (bounded), then the rest.
    await drainHttpServer(server);
    await app.close();
    runtime.clients.close();
    runtime.transport.close();
    stopPublishing();
    await runtime.tracer.shutdown().catch((error: Error) => logger.warn({ err: error }, 'could not send the last spans'));
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('disconnect', () => void stop('launcher-gone'));
}
