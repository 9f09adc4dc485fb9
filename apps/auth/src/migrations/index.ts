import { CreateAuth1732300000000 } from './1732300000000-create-auth';
import { LoginThrottle1732400000000 } from './1732400000000-login-throttle';
import { RefreshFamilies1733100000000 } from './1733100000000-refresh-families';

/** Auth's migrations in order; `auth migrate` and the integration tests run the same list. */
export const AUTH_MIGRATIONS = [CreateAuth1732300000000, LoginThrottle1732400000000, RefreshFamilies1733100000000];
