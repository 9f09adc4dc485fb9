import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ShopError, isUuid, type CompensationRequest, type Principal } from '@shop/contracts';
import { requestContext } from '@shop/observability';

/** Marks the principal of a passport-less compensation in logs and audit trails. */
export const COMPENSATION_JTI = 'saga-compensation';

/**
 * The principal a compensating RPC (refund, release) acts for. With a
 * passport it is the passport's user, whatever the request says. Without one
 * (only possible on the RPCs the topology marks `compensation`, called by
 * order's saga recovery) it is the owner the request names, with no roles
 * and no scope: enough to undo that owner's order, nothing else.
 */
export const CompensatingPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const verified = requestContext.current()?.principal;
  if (verified) return verified;
  const request = ctx.switchToRpc().getData<CompensationRequest>();
  if (!isUuid(request.ownerId)) throw new ShopError('PASSPORT.MISSING');
  return { sub: request.ownerId, roles: [], scope: [], jti: COMPENSATION_JTI };
});
