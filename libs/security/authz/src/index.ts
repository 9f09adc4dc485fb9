export * from './peer-authorization.guard';
export * from './role-check';
