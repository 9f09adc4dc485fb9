import { Inject, Injectable } from '@nestjs/common';
import type { ChargeRequest, Payment, PaymentServiceMethods } from '@shop/contracts';
import { DownstreamClient, SERVICE_RUNTIME, type ServiceRuntime } from '@shop/platform';

/** order -> payment: Charge, Refund. */
@Injectable()
export class PaymentClient extends DownstreamClient<PaymentServiceMethods> {
  constructor(@Inject(SERVICE_RUNTIME) runtime: ServiceRuntime) {
    super(runtime, 'payment');
  }

  charge(request: ChargeRequest): Promise<Payment> {
    return this.rpc.call('Charge', request);
  }

  refund(orderId: string): Promise<Payment> {
    return this.rpc.call('Refund', { orderId });
  }
}
