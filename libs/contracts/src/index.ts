export * from './error-codes';
export * from './proto-files';
export * from './shop-error';
export * from './types/auth';
export * from './types/common';
export * from './types/health';
export * from './types/inventory';
export * from './types/order';
export * from './types/payment';
// new:service inserts type exports above this line
export * from './types/service-methods';
export * from './types/principal';
export * from './metadata-keys';
export * from './demo-accounts';
export * from './ids';
export * from './payment-card';
export * from './currencies';
export * from './order-limits';
