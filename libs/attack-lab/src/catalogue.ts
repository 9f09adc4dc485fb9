import type { Attack } from './attack';
import { ACCOUNT_ATTACKS } from './attacks/account.attacks';
import { FUNCTION_AUTHZ_ATTACKS, OWNERSHIP_ATTACKS } from './attacks/ownership.attacks';
import { INPUT_ATTACKS } from './attacks/input.attacks';
import { PASSPORT_BINDING_ATTACKS } from './attacks/passport-binding.attacks';
import { PASSPORT_ATTACKS } from './attacks/passport.attacks';
import { RATE_LIMIT_ATTACKS } from './attacks/rate-limit.attacks';
import { SESSION_ATTACKS } from './attacks/session.attacks';
import { SSRF_ATTACKS } from './attacks/ssrf.attacks';
import { TOKEN_ATTACKS } from './attacks/token.attacks';
import { TRANSPORT_ATTACKS } from './attacks/transport.attacks';
import { TRANSPORT_SWEEP_ATTACKS } from './attacks/transport-sweep.attacks';

/** Every attack the lab knows, in scorecard order. */
export const ATTACKS: readonly Attack[] = [
  ...TRANSPORT_ATTACKS,
  ...TRANSPORT_SWEEP_ATTACKS,
  ...PASSPORT_ATTACKS,
  ...PASSPORT_BINDING_ATTACKS,
  ...OWNERSHIP_ATTACKS,
  ...FUNCTION_AUTHZ_ATTACKS,
  ...INPUT_ATTACKS,
  // Before the token and rate-limit attacks, which spend this address's login budget.
  ...SSRF_ATTACKS,
  ...TOKEN_ATTACKS,
  ...SESSION_ATTACKS,
  ...ACCOUNT_ATTACKS,
  ...RATE_LIMIT_ATTACKS,
];
