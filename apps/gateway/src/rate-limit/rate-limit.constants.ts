/** Named throttlers. `ip`, `login` and `register` run before authentication; `user` after it. */
export const THROTTLERS = { ip: 'ip', user: 'user', login: 'login', register: 'register' } as const;
export const LOGIN_ROUTE = 'shop:login-route';
export const REGISTER_ROUTE = 'shop:register-route';
/** Set on the request by the post-authentication pass, so each throttler counts once. */
export const USER_PHASE = Symbol('shop:rate-limit-user-phase');
export const REDIS_CONNECTION = Symbol('REDIS_CONNECTION');
