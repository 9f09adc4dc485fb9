export * from './build';
export * from './embedded-postgres';
export * from './postgres';
export * from './test-database';
export * from './migrated-schema';
export * from './test-platform';
export * from './assertions';
export * from './captured-events';
