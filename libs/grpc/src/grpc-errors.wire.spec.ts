import {
  Server,
  ServerCredentials,
  credentials,
  makeGenericClientConstructor,
  type Client,
  type ServiceDefinition,
  type handleUnaryCall,
  type ServiceError,
} from '@grpc/grpc-js';
import { ShopError } from '@shop/contracts';
import { fromGrpcError, toGrpcError } from './grpc-errors';

const json = {
  serialize: (value: unknown) => Buffer.from(JSON.stringify(value ?? null)),
  deserialize: (bytes: Buffer) => JSON.parse(bytes.toString()) as unknown,
};
const definition: ServiceDefinition = {
  Fail: {
    path: '/test.v1.Errors/Fail',
    requestStream: false,
    responseStream: false,
    requestSerialize: json.serialize,
    requestDeserialize: json.deserialize,
    responseSerialize: json.serialize,
    responseDeserialize: json.deserialize,
  },
};

/** Throws `error` inside a real in-process gRPC server and returns what the client receives. */
async function failOverTheWire(error: unknown): Promise<ShopError> {
  const server = new Server();
  const fail: handleUnaryCall<unknown, unknown> = (_call, callback) => callback(toGrpcError(error));
  server.addService(definition, { Fail: fail });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const ClientCtor = makeGenericClientConstructor(definition, 'Errors');
  const client = new ClientCtor(`127.0.0.1:${port}`, credentials.createInsecure()) as Client & Record<string, (req: unknown, cb: (e: ServiceError | null) => void) => void>;
  try {
    const failure = await new Promise<ServiceError | null>((resolve) => client['Fail']({}, (e) => resolve(e)));
    return fromGrpcError(failure);
  } finally {
    client.close();
    server.forceShutdown();
  }
}

describe('ShopError across a real gRPC hop', () => {
  it('arrives with the same code, message and details', async () => {
    const restored = await failOverTheWire(new ShopError('INVENTORY.OUT_OF_STOCK', 'only 2 left', { product: '0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e' }));
    expect(restored.code).toBe('INVENTORY.OUT_OF_STOCK');
    expect(restored.message).toBe('only 2 left');
    expect(restored.details).toEqual({ product: '0b6f1c2e-3d4a-4b5c-8d9e-0f1a2b3c4d5e' });
  });

  it('arrives as INTERNAL without the original message for any other error', async () => {
    const restored = await failOverTheWire(new Error('connection string postgres://admin:pw@db'));
    expect(restored.code).toBe('INTERNAL');
    expect(restored.message).not.toContain('postgres://');
    expect(restored.details).toEqual({});
  });
});
