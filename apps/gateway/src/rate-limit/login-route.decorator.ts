import { SetMetadata } from '@nestjs/common';
import { LOGIN_ROUTE } from './rate-limit.constants';

/** Applies the stricter per-IP login limit to this route. */
export const LoginRoute = () => SetMetadata(LOGIN_ROUTE, true);
