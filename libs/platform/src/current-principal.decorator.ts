import { createParamDecorator } from '@nestjs/common';
import { ShopError, type Principal } from '@shop/contracts';
import { requestContext } from '@shop/observability';

/**
 * The verified principal of the current call, as proven by its passport.
 * This is the ONLY way a handler learns who the user is.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown): Principal => {
  const principal = requestContext.current()?.principal;
  // The passport guard runs before every non-public handler, so this only
  // trips when a public RPC's handler asks for a user: a programming error.
  if (!principal) throw new ShopError('PASSPORT.MISSING');
  return principal;
});
