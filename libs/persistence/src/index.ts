export * from './data-source';
export * from './leased-logins';
export * from './pool-swap';
export * from './provisioning';
export * from './row-level-security';
export * from './database-outage';
export * from './bigint-column';
