export * from './answer-check';
export * from './api-routes';
export * from './fuzz-run';
export * from './malformed-request';
export * from './fuzz-customer';
export * from './fuzz-platform-env';
