import { blocked, succeeded, type Attack } from '../attack';

const GUESSES = 15;
const BURST = 20;
const REGISTRATIONS = 30;
/** auth lets this many attempts per email through before the lock (apps/auth/src/login/login-throttle.ts). */
const FREE_GUESSES = 5;

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
  {
    id: 'login-burst-parallel',
    title: `${BURST} password guesses against one account, all at once`,
    controls: ['rate-limit'],
    run: async (target, scene) => {
      // A throttle that counts failures only after the password check lets a whole burst through.
      const victim = await scene.freshAccount('burst');
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, n) => target.api.post('/api/v1/auth/login', { email: victim.email, password: `burst-${n}-wrong` })),
      );
      const checked = answers.filter((a) => a.body['code'] === 'AUTH.INVALID_CREDENTIALS').length;
      const throttled = answers.filter((a) => a.status === 429).length;
      // auth's bound on concurrent hashes (no switch) may shed part of a burst the throttle let through.
      const shed = answers.filter((a) => a.body['code'] === 'AUTH.HASHING_BUSY').length;
      if (checked + throttled + shed !== BURST) throw new Error(`unexpected answers: ${answers.map((a) => `${a.status} ${String(a.body['code'])}`).join(', ')}`);
      const evidence = `${checked} of ${BURST} reached the password check, ${throttled} got 429, ${shed} shed by auth with 503`;
      return checked > FREE_GUESSES ? succeeded(evidence) : blocked(evidence);
    },
  },
  {
    // Last: it spends this address's registration budget.
    id: 'register-burst',
    title: `${REGISTRATIONS} registrations at once from one address, each an argon2 hash`,
    controls: ['rate-limit'],
    run: async (target) => {
      const answers = await Promise.all(
        Array.from({ length: REGISTRATIONS }, (_, n) =>
          target.api.post('/api/v1/auth/register', { email: `flood-${n}-${Date.now()}@lab.local`, password: `flood-password-${n}`, displayName: 'Flood' }),
        ),
      );
      const count = (status: number) => answers.filter((a) => a.status === status).length;
      // 504: auth was too busy hashing to answer in time, which is what the attacker wants.
      const [accepted, limited, shed, overloaded] = [count(201), count(429), count(503), count(504)];
      if (accepted + limited + shed + overloaded !== REGISTRATIONS) throw new Error(`unexpected answers: ${answers.map((a) => `${a.status} ${String(a.body['code'])}`).join(', ')}`);
      // auth's own bound on concurrent hashes (503 AUTH.HASHING_BUSY) has no switch; it sheds what the limit let through.
      const evidence = `${accepted} registered, ${limited} got 429, ${shed} shed by auth with 503, ${overloaded} timed out`;
      return limited > 0 ? blocked(evidence) : succeeded(evidence);
    },
  },
];
