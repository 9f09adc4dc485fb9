import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { Logger } from 'nestjs-pino';
import { HEALTH_V1 } from '@shop/contracts';
import { PROTO_LOADER_OPTIONS, SHARED_CHANNEL_OPTIONS, ShopGrpcServer } from '@shop/grpc';
import { startOpsServer } from '@shop/observability';
import { PeerAuthorizationGuard } from '@shop/security/authz';
import { PassportGuard, PassportVerifier } from '@shop/security/passport';
import { SERVICES } from '@shop/topology';
import { buildRuntime } from './build-runtime';
import { credentialsOf, migrate, openDatabase, seed } from './database-commands';
import { DatabaseCredentialsReloader } from './database-credentials-reloader';
import { HealthController } from './health.controller';
import { PlatformModule } from './platform.module';
import { RethrowRpcFilter } from './rethrow-rpc.filter';
import { publishSecurityEvents } from './security-event-stream';
import type { GrpcServiceDefinition } from './service-definition';
import type { ServiceRuntime } from './service-runtime';
import { runStartupSelfCheck } from './startup-self-check';

/** How long a stopping service waits for its in-flight calls before it exits anyway. */
const SERVICE_STOP_BOUND_MS = 10_000;

async function serve(runtime: ServiceRuntime, definition: GrpcServiceDefinition): Promise<void> {
  const { config, logger, metrics, events } = runtime;
  const stopPublishing = publishSecurityEvents(runtime);
  const contract = SERVICES[config.service].contract;
  if (!contract || config.ports.grpc === undefined) throw new Error(`${config.service} serves no gRPC`);
  // The runtime pool follows db.json as it rotates (Vault's database engine, or SHOP_DB_ROTATION_SECONDS).
  const initial = definition.database ? credentialsOf(runtime, 'runtime') : undefined;
  const dataSource = definition.database ? await openDatabase(runtime, definition.database, 'runtime', initial) : undefined;
  const credentials = dataSource && initial ? new DatabaseCredentialsReloader(runtime, dataSource, initial).start() : undefined;

  const verifier = new PassportVerifier(runtime.secrets, config.trustDomain, config.env === 'production').watch(
    (error) => logger.error({ err: error }, 'passport key reload failed; keeping the previous keys'),
    (kids) => logger.info({ kids }, 'passport verify keys reloaded'),
  );
  const enforced = { peerAuthz: config.lab.isOn('peer-authz'), passport: config.lab.isOn('passport') };
  const server = new ShopGrpcServer({
    grpc: {
      url: `${config.bindHost}:${config.ports.grpc}`,
      package: [contract.package, HEALTH_V1.package],
      protoPath: [contract.protoFile, HEALTH_V1.protoFile],
      loader: PROTO_LOADER_OPTIONS,
      credentials: runtime.transport.serverCredentials(),
      channelOptions: SHARED_CHANNEL_OPTIONS,
      // Stopping lets in-flight calls finish (tryShutdown) instead of cancelling them.
      gracefulShutdown: true,
    },
    guards: [
      runtime.transport.peerIdentityGuard(),
      new PeerAuthorizationGuard({
        server: config.service,
        trustDomain: config.trustDomain,
        enforced: enforced.peerAuthz,
        events,
      }),
      new PassportGuard({
        server: config.service,
        verifier,
        enforced: enforced.passport,
        bindingEnforced: config.lab.isOn('passport-binding'),
        events,
      }),
    ],
    metrics,
    tracer: runtime.tracer,
    logger,
    maxConcurrentCalls: config.maxConcurrentCalls,
  });

  @Module({ imports: [PlatformModule.forRuntime(runtime, dataSource), ...definition.imports], controllers: [HealthController] })
  class ServiceModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(ServiceModule, { strategy: server, bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new RethrowRpcFilter());
  await app.listen();
  // Before anything reports ready: the guards this process serves must refuse what they should.
  await runStartupSelfCheck(runtime, server, { ...enforced, trustedKid: verifier.kids[0] });

  const ops = await startOpsServer({
    host: config.bindHost,
    port: config.ports.ops,
    metrics,
    logger,
    checks: [...(credentials ? [credentials.readinessCheck()] : []), ...runtime.clients.readinessChecks()],
  });
  logger.info({ grpc: config.ports.grpc, ops: config.ports.ops, transport: config.transport }, `${config.service} listening`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // In-flight calls get a bounded time to finish; then the process goes anyway.
    setTimeout(() => process.exit(1), SERVICE_STOP_BOUND_MS).unref();
    ops.close();
    await app.close();
    runtime.clients.close();
    runtime.transport.close();
    verifier.close();
    stopPublishing();
    await credentials?.close();
    await dataSource?.destroy();
    await runtime.tracer.shutdown().catch((error: Error) => logger.warn({ err: error }, 'could not send the last spans'));
    logger.flush();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  // Started by the dev launcher: exit with it, even if it was SIGKILLed.
  process.once('disconnect', () => void stop('launcher-gone'));
}

/**
 * Entry point of every gRPC service: `node main.js [serve|migrate|seed]`.
 * Startup errors (bad config, missing secrets) end the process with a clear
 * message and exit code 1 rather than a half-started service.
 */
export function runGrpcService(definition: GrpcServiceDefinition, argv: readonly string[] = process.argv.slice(2)): void {
  const command = argv[0] ?? 'serve';
  // The launcher's IPC channel only signals its death; it must not keep us alive.
  process.channel?.unref();
  let runtime: ServiceRuntime | undefined;
  const main = async () => {
    runtime = buildRuntime(definition.service);
    if (command === 'serve') return serve(runtime, definition);
    if (!definition.database) return;
    if (command === 'migrate') await migrate(runtime, definition.database);
    else if (command === 'seed') await seed(runtime, definition.database);
    else throw new Error(`unknown command "${command}" (expected serve, migrate or seed)`);
    runtime.transport.close();
    runtime.logger.flush();
  };
  main().catch((error: Error) => {
    process.stderr.write(`${definition.service} ${command} failed: ${error.message}\n`);
    runtime?.logger.flush();
    process.exit(1);
  });
}
