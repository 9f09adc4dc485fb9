import { randomUUID } from 'node:crypto';
import type { ApiClient } from '@shop/dev-platform';

/**
 * A customer of the fuzzer's own, registered once: fuzzed bodies never name
 * its email, so the login throttle of the demo accounts cannot lock it.
 * Each call logs in again: a fuzzed logout may have revoked the last token.
 */
export function fuzzCustomerTokens(api: ApiClient): () => Promise<string> {
  const email = `fuzz-${randomUUID().slice(0, 8)}@example.com`;
  const password = `fuzz-${randomUUID()}`;
  let registered: Promise<unknown> | undefined;
  return async () => {
    registered ??= api.post('/api/v1/auth/register', { email, password, displayName: 'Fuzz' });
    await registered;
    return (await api.login(email, password)).accessToken;
  };
}
