/**
 * The demo accounts seeded outside production. Their passwords are public on
 * purpose (README, launcher banner, attack lab); auth refuses to start with
 * SHOP_ENV=production while any of them exists.
 */
/* eslint-disable shop/no-hardcoded-secret -- public demo passwords, printed in the README on purpose */
export const DEMO_ACCOUNTS = [
  { email: 'alice@shop.local', password: 'alice-demo-pass-1', displayName: 'Alice', roles: ['customer'] },
  { email: 'bob@shop.local', password: 'bob-demo-pass-1', displayName: 'Bob', roles: ['customer'] },
  { email: 'admin@shop.local', password: 'admin-demo-pass-1', displayName: 'Admin', roles: ['customer', 'admin'] },
] as const;
/* eslint-enable shop/no-hardcoded-secret */

/** Products the demo catalogue always contains (fixed ids, for docs and the attack lab). */
export const DEMO_PRODUCT_IDS = {
  mug: '6f1c8a52-0b8e-4c1e-9a51-000000000001',
  lastUnitsLamp: '6f1c8a52-0b8e-4c1e-9a51-000000000011',
} as const;
