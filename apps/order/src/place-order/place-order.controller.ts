import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { ORDER_V1, type OrderServiceMethods, type Principal } from '@shop/contracts';
import { CurrentPrincipal } from '@shop/platform';
import { PlaceOrderService } from './place-order.service';

@Controller()
export class PlaceOrderController {
  constructor(private readonly placeOrder: PlaceOrderService) {}

  /** The owner is the passport's subject; nothing in the request can change it. */
  @GrpcMethod(ORDER_V1.service, 'PlaceOrder')
  place(@Payload() request: OrderServiceMethods['PlaceOrder']['request'], @CurrentPrincipal() principal: Principal) {
    return this.placeOrder.place(principal, request);
  }
}
