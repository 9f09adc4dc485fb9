import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ORDER_V1, ShopError, type OrderServiceMethods, type Principal } from '@shop/contracts';
import { requestContext } from '@shop/observability';
import { CurrentPrincipal } from '@shop/platform';
import { PlaceOrderService } from './place-order.service';

@Controller()
export class PlaceOrderController {
  constructor(private readonly placeOrder: PlaceOrderService) {}

  /**
   * The owner is the passport's subject and the order id the one it is bound
   * to; nothing in the request can change either. The compensation passport
   * (verified by the passport guard) is required: without it a failed
   * checkout could never be undone.
   */
  @GrpcMethod(ORDER_V1.service, 'PlaceOrder')
  place(@Payload() request: OrderServiceMethods['PlaceOrder']['request'], @CurrentPrincipal() principal: Principal) {
    const context = requestContext.current();
    const compensation = context?.compensationPassport ?? null;
    if (compensation === null && !context?.passportBindingWaived) throw new ShopError('PASSPORT.MISSING', 'a checkout needs its compensation passport');
    return this.placeOrder.place(principal, compensation, request);
  }
}
