export * from './owned-data';
export * from './owned-repository';
export * from './owner-column';
export * from './ownership.module';
export * from './rls-policy';
