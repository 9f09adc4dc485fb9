export * from './security-events';
export * from './event-stream';
