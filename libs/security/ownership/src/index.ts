export * from './owned-data';
export * from './owned-repository';
export * from './rls-policy';
export * from './ownership.module';
