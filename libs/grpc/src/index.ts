export * from './channel-options';
export * from './grpc-errors';
export * from './inbound-call';
export * from './rpc-client';
export * from './shop-grpc-server';
