import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ShopError, type Principal } from '@shop/contracts';
import { requestContext } from '@shop/observability';

/**
 * The principal of a call that moves money or stock for one order (Charge,
 * ReserveStock, Refund, ReleaseStock: `bindsOrder` in the topology). The
 * passport guard has verified the passport and its operation; this checks
 * the one thing the guard cannot see, the request body: its `orderId` must be
 * the order the passport is bound to. So a passport captured for one
 * checkout cannot charge, reserve, refund or release any other order.
 */
export const OrderBoundPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const context = requestContext.current();
  const principal = context?.principal;
  if (!principal) throw new ShopError('PASSPORT.MISSING');
  if (context.passportBindingWaived) return principal;
  const { orderId } = ctx.switchToRpc().getData<{ orderId?: unknown }>();
  if (typeof orderId !== 'string' || orderId.toLowerCase() !== principal.orderId) throw new ShopError('PASSPORT.WRONG_ORDER');
  return principal;
});
