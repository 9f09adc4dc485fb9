export * from './database-server';
export * from './dev-keys';
export * from './dev-secrets';
export * from './platform';
export * from './service-processes';
export * from './gateway-client';
export * from './lab-internet';
