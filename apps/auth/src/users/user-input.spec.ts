import { shopErrorCodeOf } from '@shop/testing';
import { normalizeEmail, validateRegistration } from './user-input';

const PASSWORD = 'correct horse battery';

describe('normalizeEmail', () => {
  it('trims and lower-cases, so one mailbox is one account', () => {
    expect(normalizeEmail('  Alice.Smith@Example.COM \n')).toBe('alice.smith@example.com');
  });

  it('turns a missing email into an empty string', () => {
    expect(normalizeEmail(undefined as unknown as string)).toBe('');
  });
});

describe('validateRegistration email', () => {
  it.each(['alice@example.com', 'a.b+shop@mail.example.org', `${'l'.repeat(64)}@example.com`])('accepts %s', (email) => {
    expect(shopErrorCodeOf(() => validateRegistration(email, PASSWORD, 'Alice'))).toBeUndefined();
  });

  it.each([
    '',
    'alice',
    'alice@',
    '@example.com',
    'alice@example',
    'alice@example.c',
    'al ice@example.com',
    'alice@@example.com',
    `${'l'.repeat(65)}@example.com`,
    `alice@${'d'.repeat(180)}.${'t'.repeat(70)}`,
  ])('rejects %p', (email) => {
    expect(shopErrorCodeOf(() => validateRegistration(email, PASSWORD, 'Alice'))).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('validateRegistration password', () => {
  it.each([10, 128])('accepts %s characters with no composition rules', (length) => {
    expect(shopErrorCodeOf(() => validateRegistration('alice@example.com', 'a'.repeat(length), 'Alice'))).toBeUndefined();
  });

  it.each([
    ['9 characters', 'a'.repeat(9)],
    ['129 characters', 'a'.repeat(129)],
    ['no password', undefined],
    ['a number', 1234567890123],
  ])('rejects %s', (_label, password) => {
    expect(shopErrorCodeOf(() => validateRegistration('alice@example.com', password as string, 'Alice'))).toBe('REQUEST.VALIDATION_FAILED');
  });
});

describe('validateRegistration display name', () => {
  it('accepts 1 to 80 characters after trimming', () => {
    expect(shopErrorCodeOf(() => validateRegistration('alice@example.com', PASSWORD, ' A '))).toBeUndefined();
    expect(shopErrorCodeOf(() => validateRegistration('alice@example.com', PASSWORD, 'n'.repeat(80)))).toBeUndefined();
  });

  it.each([['empty', ''], ['blank', '   '], ['81 characters', 'n'.repeat(81)], ['missing', undefined]])('rejects a %s name', (_label, name) => {
    expect(shopErrorCodeOf(() => validateRegistration('alice@example.com', PASSWORD, name as string))).toBe('REQUEST.VALIDATION_FAILED');
  });
});
