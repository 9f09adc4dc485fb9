/**
 * Settings for a platform under fuzz: rate limits far above what the fuzz
 * sends, so the answers come from the code under test and not a wall of
 * 429 (429s are still counted apart in the report).
 */
export const FUZZ_PLATFORM_ENV: Readonly<Record<string, string>> = {
  SHOP_RATE_LIMIT_IP_PER_10S: '1000000',
  SHOP_RATE_LIMIT_USER_PER_10S: '1000000',
  SHOP_RATE_LIMIT_LOGIN_PER_MIN: '1000000',
};
