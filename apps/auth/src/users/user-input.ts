import { ShopError } from '@shop/contracts';

// Pragmatic shape check (the gateway already ran class-validator's IsEmail).
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,188}\.[^\s@]{2,}$/;

export function normalizeEmail(email: string): string {
  return (email ?? '').trim().toLowerCase();
}

export function validateRegistration(email: string, password: string, displayName: string): void {
  if (!EMAIL.test(email) || email.length > 254) throw new ShopError('REQUEST.VALIDATION_FAILED', 'email is not valid');
  // NIST 800-63B: length matters, composition rules do not; cap to bound hashing cost.
  if (typeof password !== 'string' || password.length < 10 || password.length > 128) {
    throw new ShopError('REQUEST.VALIDATION_FAILED', 'password must be 10 to 128 characters');
  }
  const name = (displayName ?? '').trim();
  if (name.length < 1 || name.length > 80) throw new ShopError('REQUEST.VALIDATION_FAILED', 'displayName must be 1 to 80 characters');
}
