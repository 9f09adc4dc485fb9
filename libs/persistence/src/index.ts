export * from './data-source';
export * from './provisioning';
export * from './row-level-security';
export * from './database-outage';
