import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import { PAYMENT_V1, type PaymentServiceMethods, type Principal } from '@shop/contracts';
import { OrderBoundPrincipal } from '@shop/platform';
import { PaymentsService } from './payments.service';

type Methods = PaymentServiceMethods;

@Controller()
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  @GrpcMethod(PAYMENT_V1.service, 'Charge')
  charge(@Payload() request: Methods['Charge']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.payments.charge(principal, request);
  }

  @GrpcMethod(PAYMENT_V1.service, 'Refund')
  refund(@Payload() request: Methods['Refund']['request'], @OrderBoundPrincipal() principal: Principal) {
    return this.payments.refund(principal, request.orderId);
  }
}
