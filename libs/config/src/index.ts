export * from './lab-mode';
export * from './service-config';
export * from './dev-environment';
export * from './ssrf-test-settings';
export * from './fault-injection';
export * from './otlp-settings';
export * from './init-settings';
export * from './edge-settings';
