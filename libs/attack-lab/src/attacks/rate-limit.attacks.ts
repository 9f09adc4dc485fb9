import { blocked, succeeded, type Attack } from '../attack';

const GUESSES = 15;

/** OWASP API4: unlimited password guessing. */
export const RATE_LIMIT_ATTACKS: readonly Attack[] = [
  {
    id: 'login-brute-force',
    title: `${GUESSES} password guesses against one account from one address`,
    controls: ['rate-limit'],
    run: async (target, scene) => {
      const victim = await scene.freshAccount('victim');
      for (let guess = 1; guess <= GUESSES; guess++) {
        const response = await target.api.post('/api/v1/auth/login', { email: victim.email, password: `guess-${guess}-wrong` });
        if (response.status === 429) {
          return blocked(`429 ${String(response.body['code'])} after ${guess} guesses, Retry-After: ${String(response.headers['retry-after'])}`);
        }
      }
      return succeeded(`${GUESSES} guesses, none throttled`);
    },
  },
];
