import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { HEALTH_V1 } from '@shop/contracts';
import { PROTO_LOADER_OPTIONS } from '@shop/grpc';
import type { ServerCredentials } from '@grpc/grpc-js';

/** A bare gRPC server answering health checks with the given credentials (an impostor, in the tests). */
export async function startHealthServer(credentials: ServerCredentials): Promise<{ address: string; stop: () => void }> {
  const definition = grpc.loadPackageDefinition(loadSync(HEALTH_V1.protoFile, PROTO_LOADER_OPTIONS)) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const server = new grpc.Server();
  server.addService(definition.grpc.health.v1.Health.service, {
    Check: (_call: unknown, callback: grpc.sendUnaryData<{ status: string }>) => callback(null, { status: 'SERVING' }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { address: `127.0.0.1:${port}`, stop: () => server.forceShutdown() };
}

/** Calls Health.Check through the given channel credentials; resolves to the status or the error code name. */
export async function checkHealth(address: string, credentials: grpc.ChannelCredentials): Promise<string> {
  const definition = grpc.loadPackageDefinition(loadSync(HEALTH_V1.protoFile, PROTO_LOADER_OPTIONS)) as unknown as {
    grpc: { health: { v1: { Health: grpc.ServiceClientConstructor } } };
  };
  const client = new definition.grpc.health.v1.Health(address, credentials, {
    'grpc.ssl_target_name_override': 'payment.shop.internal',
    'grpc.use_local_subchannel_pool': 1,
  });
  try {
    return await new Promise<string>((resolve) => {
      (client as unknown as { Check: grpc.requestCallback<unknown> & ((...args: unknown[]) => void) }).Check(
        { service: '' },
        new grpc.Metadata(),
        { deadline: Date.now() + 3000 },
        (error: grpc.ServiceError | null, response?: { status: string }) => resolve(error ? grpc.status[error.code] : (response?.status ?? '')),
      );
    });
  } finally {
    client.close();
  }
}
