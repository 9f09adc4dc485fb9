export * from './operations';
export * from './rpc-policies';
export * from './services';
export * from './spiffe-id';
