export * from './correlation';
export * from './logger';
export * from './metrics';
export * from './ops-server';
export * from './redaction';
export * from './request-context';
export * from './tracing/create-hop-tracer';
export * from './tracing/hop-tracer';
