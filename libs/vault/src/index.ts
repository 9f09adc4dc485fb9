export * from './policy-check';
export * from './template-render';
export * from './vault-layout';
