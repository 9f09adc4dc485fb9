export * from './certificate-authority';
export * from './dev-pki';
export { x509 } from './x509-provider';
