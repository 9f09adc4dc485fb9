import { SetMetadata } from '@nestjs/common';
import { LOGIN_ROUTE, REGISTER_ROUTE } from './rate-limit.constants';

/** Applies the stricter per-IP login limit to this route. */
export const LoginRoute = () => SetMetadata(LOGIN_ROUTE, true);

/** Applies the per-IP registration limit to this route: each registration costs an argon2 hash. */
export const RegisterRoute = () => SetMetadata(REGISTER_ROUTE, true);
