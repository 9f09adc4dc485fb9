export * from './lab-mode';
export * from './service-config';
export * from './dev-environment';
export * from './ssrf-test-settings';
export * from './fault-injection';
export * from './edge-settings';
