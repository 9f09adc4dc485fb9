export * from './security-events';
