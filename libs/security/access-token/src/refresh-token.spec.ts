import { hashRefreshToken, looksLikeRefreshToken, newRefreshToken } from './refresh-token';

describe('refresh tokens', () => {
  it('are prefixed, 256-bit, and never repeat', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newRefreshToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(looksLikeRefreshToken(token)).toBe(true);
      expect(Buffer.from(token.slice(3), 'base64url')).toHaveLength(32);
    }
  });

  it('hash to a stable SHA-256 hex digest that differs per token', () => {
    const token = newRefreshToken();
    expect(hashRefreshToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hashRefreshToken(token));
    expect(hashRefreshToken(token)).not.toBe(hashRefreshToken(newRefreshToken()));
    // Known answer, computed with `printf rt_known | sha256sum`.
    expect(hashRefreshToken('rt_known')).toBe('95a3c92cc66c460fb35f9d8e84577d1f536cff9e7b8e65613ed55692abce490f');
  });
});

describe('looksLikeRefreshToken', () => {
  it.each([
    ['another prefix', (t: string) => `at_${t.slice(3)}`],
    ['one character short', (t: string) => t.slice(0, -1)],
    ['one character long', (t: string) => `${t}A`],
    ['a character outside base64url', (t: string) => `${t.slice(0, -1)}+`],
    ['surrounding whitespace', (t: string) => ` ${t}`],
    ['a JWT', () => 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'],
  ])('rejects %s', (_case, change) => {
    const token = newRefreshToken();
    expect(looksLikeRefreshToken(token)).toBe(true);
    expect(looksLikeRefreshToken(change(token))).toBe(false);
  });
});
