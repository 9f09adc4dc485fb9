export * from './access-token-issuer';
export * from './access-token-profile';
export * from './access-token-rejection';
export * from './access-token.strategy';
export * from './jwks-cache';
export * from './refresh-token';
export * from './token-denylist';
export * from './verification-outage';
