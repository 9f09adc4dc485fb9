export * from './atomic-write';
export * from './dev-material';
export * from './database-credentials';
export * from './secret-files';
export * from './secret-layout';
export * from './jwk-set';
